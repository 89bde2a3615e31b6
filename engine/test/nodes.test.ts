import { describe, expect, it } from 'vitest'
import { compileJourney } from '../src/index'
import { at, chain, contact, Driver, iso, sends, template } from './helpers'

const sms = (id: string, text = '好久不见') => ({ id, type: 'send_sms', data: { text, category: 'recall' } }) as const

describe('wait', () => {
  it('waits 3 days in calendar time and sends at the same local time', () => {
    const driver = new Driver(chain([{ id: 'w', type: 'wait', data: { mode: 'duration', duration: { amount: 3, unit: 'days' } } }, sms('sms')]))
    const first = driver.start(at('2026-11-24T10:15:00+08:00'))
    expect(first.effects).toEqual([{ type: 'wake', at: at('2026-11-27T10:15:00+08:00') }])
    expect(first.log.at(-1)?.message.en).toBe('waiting until 2026-11-27 10:15 Asia/Shanghai')
    expect(sends(driver.wake())).toHaveLength(1)
  })

  it('keeps the local time across the New York spring-forward: one day is 23 hours', () => {
    const driver = new Driver(chain([{ id: 'w', type: 'wait', data: { mode: 'duration', duration: { amount: 1, unit: 'days' } } }]), contact({ timeZone: 'America/New_York' }))
    expect(driver.start(at('2026-03-07T10:00:00-05:00')).effects).toEqual([{ type: 'wake', at: at('2026-03-08T10:00:00-04:00') }])
  })

  it('keeps the local time across the London autumn change: one day is 25 hours', () => {
    const driver = new Driver(chain([{ id: 'w', type: 'wait', data: { mode: 'duration', duration: { amount: 1, unit: 'days' } } }]), contact({ timeZone: 'Europe/London' }))
    expect(driver.start(at('2026-10-24T09:00:00+01:00')).effects).toEqual([{ type: 'wake', at: at('2026-10-25T09:00:00Z') }])
  })

  it('counts hours as elapsed time', () => {
    const driver = new Driver(chain([{ id: 'w', type: 'wait', data: { mode: 'duration', duration: { amount: 24, unit: 'hours' } } }]), contact({ timeZone: 'America/New_York' }))
    expect(driver.start(at('2026-03-07T10:00:00-05:00')).effects).toEqual([{ type: 'wake', at: at('2026-03-08T11:00:00-04:00') }])
  })

  it('waits until the next 10:00 on a weekday', () => {
    const driver = new Driver(chain([{ id: 'w', type: 'wait', data: { mode: 'until_time', time: '10:00', weekdays: [1, 2, 3, 4, 5] } }]))
    // Friday 11:00 → Monday 10:00.
    expect(driver.start(at('2026-11-27T11:00:00+08:00')).effects).toEqual([{ type: 'wake', at: at('2026-11-30T10:00:00+08:00') }])
  })

  it('waits until a date attribute plus an offset at a local time, or moves on when the date is missing', () => {
    const document = chain([{ id: 'w', type: 'wait', data: { mode: 'until_date_attribute', attribute: 'points_expire_at', offsetDays: -3, time: '10:00' } }, sms('sms')])
    const withDate = new Driver(document, contact({ attributes: { points_expire_at: '2026-12-31T00:00:00+08:00' } }))
    expect(withDate.start(at('2026-11-24T10:00:00+08:00')).effects).toEqual([{ type: 'wake', at: at('2026-12-28T10:00:00+08:00') }])
    expect(sends(new Driver(document).start(at('2026-11-24T10:00:00+08:00')))).toHaveLength(1)
  })

  it('takes the event branch when the event comes before the timeout, and the timeout branch exactly at it', () => {
    const document = chain(
      [
        {
          id: 'w',
          type: 'wait',
          data: {
            mode: 'for_event',
            event: 'order_placed',
            filter: [{ kind: 'attribute', attribute: 'amount', operator: 'gte', value: 100 }],
            timeout: { amount: 2, unit: 'hours' },
          },
        },
        sms('after-timeout'),
      ],
      {},
      ['timeout'],
    )
    document.nodes.push({ id: 'bought', type: 'exit', position: { x: 0, y: 0 }, data: { reason: 'bought' } })
    document.edges.push({ id: 'e-event', source: 'w', sourceHandle: 'event', target: 'bought' })

    const buyer = new Driver(document)
    expect(buyer.start(at('2026-11-24T10:00:00+08:00')).effects).toEqual([{ type: 'wake', at: at('2026-11-24T12:00:00+08:00') }])
    expect(buyer.step({ type: 'event', name: 'order_placed', properties: { amount: 50 } }, at('2026-11-24T10:30:00+08:00')).effects).toEqual([])
    expect(buyer.step({ type: 'event', name: 'order_placed', properties: { amount: 120 } }, at('2026-11-24T11:00:00+08:00')).effects).toEqual([
      { type: 'exit', reason: 'exited: bought', code: 'exit_node', converted: false },
    ])
    // The cancelled timeout no longer wakes the contact.
    expect(buyer.state?.wake).toBeUndefined()

    const silent = new Driver(document)
    silent.start(at('2026-11-24T10:00:00+08:00'))
    const timedOut = silent.wake()
    expect(sends(timedOut).map((effect) => effect.nodeId)).toEqual(['after-timeout'])
    expect(timedOut.log.find((entry) => entry.kind === 'entered' && entry.nodeId === 'after-timeout')?.detail).toBe('e1')
  })

  it('changes nothing when woken early or twice', () => {
    const driver = new Driver(chain([{ id: 'w', type: 'wait', data: { mode: 'duration', duration: { amount: 1, unit: 'days' } } }, sms('sms')]))
    driver.start(at('2026-11-24T10:00:00+08:00'))
    const before = driver.state
    expect(driver.step({ type: 'wake' }, at('2026-11-25T09:59:59+08:00'))).toEqual({ state: before, effects: [], log: [] })
    expect(sends(driver.wake())).toHaveLength(1)
    const done = driver.state
    expect(driver.step({ type: 'wake' }, at('2026-11-25T10:00:00+08:00'))).toEqual({ state: done, effects: [], log: [] })
  })
})

describe('segment split', () => {
  const document = template('wake-up-45-days')

  it('routes by the first matching branch and uses else otherwise', () => {
    const gold = new Driver(document, contact({ attributes: { tier: 'platinum' } }))
    expect(sends(gold.start(at('2026-11-24T18:00:00+08:00'))).map((effect) => effect.nodeId)).toEqual(['gold-sms'])
    expect(gold.results[0]?.log.find((entry) => entry.kind === 'routed')?.detail).toBe('gold')
    const other = new Driver(document, contact({ attributes: { tier: 'bronze', points: 268 } }))
    const result = other.start(at('2026-11-24T18:00:00+08:00'))
    expect(sends(result).map((effect) => effect.text)).toEqual(['【乐享商城】亲,您有268积分待使用,再送5元无门槛券,点击领取 https://rcl.to/W5AFX3A 回T退订'])
  })

  it('evaluates event history: clicked a link in the last 4 days', () => {
    const document2 = template('win-back-90-days')
    const clicker = new Driver(document2, contact({ events: [{ name: 'link_clicked', at: at('2026-11-26T12:00:00+08:00') }] }))
    clicker.start(at('2026-11-24T10:00:00+08:00'))
    expect(sends(clicker.wake()).map((effect) => effect.nodeId)).toEqual(['second-touch-clicked'])
  })
})

describe('A/B split', () => {
  it('is sticky and lands 10,000 contacts within 2 points of 45/45/10', () => {
    const compiled = compileJourney(template('ab-offer-test'))
    const counts: Record<string, number> = { A: 0, B: 0, control: 0 }
    for (let index = 0; index < 10_000; index++) {
      const driver = new Driver(compiled, contact({ id: `contact-${index}` }))
      driver.start(at('2026-11-24T10:00:00+08:00'))
      const variant = driver.state?.variants['offer-test'] as string
      counts[variant] = (counts[variant] ?? 0) + 1
      if (index < 50) {
        const again = new Driver(compiled, contact({ id: `contact-${index}` }))
        again.start(at('2026-12-24T15:00:00+08:00'))
        expect(again.state?.variants['offer-test']).toBe(variant)
      }
    }
    expect(Math.abs((counts.A as number) / 100 - 45)).toBeLessThanOrEqual(2)
    expect(Math.abs((counts.B as number) / 100 - 45)).toBeLessThanOrEqual(2)
    expect(Math.abs((counts.control as number) / 100 - 10)).toBeLessThanOrEqual(2)
  })
})

describe('exit', () => {
  it('logs the reason in both languages: a template reason translated, a marketer’s own as written', () => {
    const done = new Driver(chain([sms('sms')]))
    expect(done.start(at('2026-11-24T10:00:00+08:00')).log.at(-1)?.message).toEqual({ en: 'exited: completed', zh: '退出:完成' })
    const own = chain([sms('sms')])
    const custom = { ...own, nodes: own.nodes.map((node) => (node.type === 'exit' ? { ...node, data: { reason: '春节活动结束' } } : node)) }
    expect(new Driver(custom).start(at('2026-11-24T10:00:00+08:00')).log.at(-1)?.message).toEqual({ en: 'exited: 春节活动结束', zh: '退出:春节活动结束' })
  })
})

describe('journey goal', () => {
  it('exits the contact at once in the middle of a wait and records a conversion', () => {
    const driver = new Driver(template('win-back-90-days'))
    driver.start(at('2026-11-24T10:00:00+08:00'))
    expect(driver.state?.nodeId).toBe('wait-4-days')
    const result = driver.step({ type: 'event', name: 'order_placed' }, at('2026-11-25T12:00:00+08:00'))
    expect(result.effects).toEqual([{ type: 'exit', reason: 'converted: order_placed', code: 'converted', converted: true }])
    expect(driver.state).toMatchObject({ status: 'exited', converted: true, wake: undefined })
  })
})

describe('reminder before expiry', () => {
  it('reminds 12 hours before the 72-hour coupon expires, naming the coupon', () => {
    const driver = new Driver(template('new-user-activation'), contact({ attributes: { name: '李先生', signup_at: '2026-11-17T09:00:00+08:00' } }))
    const first = driver.start(at('2026-11-24T10:00:00+08:00'))
    const coupon = sends(first)[0]?.coupon
    expect(coupon).toMatchObject({ label: '10元无门槛券', expiresAt: at('2026-11-27T10:00:00+08:00') })
    // The message carrying the coupon and the reminder of it are both pointless past its expiry: the dispatcher never sends them later.
    expect(sends(first)[0]?.notAfter).toBe(at('2026-11-27T10:00:00+08:00'))
    // 12 hours before is 22:00, outside the window; 08:00 the next day is still before expiry.
    expect(first.effects.at(-1)).toEqual({ type: 'wake', at: at('2026-11-26T22:00:00+08:00') })
    expect(driver.wake().effects[0]).toMatchObject({ type: 'hold', until: at('2026-11-27T08:00:00+08:00') })
    const reminder = sends(driver.wake())
    expect(reminder.map((effect) => [effect.text, effect.notAfter])).toEqual([
      [`【乐享商城】李先生,您的10元无门槛券将于11月27日 10:00过期,别错过 https://rcl.to/382SNQ9 回T退订`, at('2026-11-27T10:00:00+08:00')],
    ])
  })

  it('is skipped when the coupon was redeemed while waiting', () => {
    const driver = new Driver(template('new-user-activation'))
    const first = driver.start(at('2026-11-24T10:00:00+08:00'))
    driver.step({ type: 'event', name: 'coupon_redeemed', properties: { code: sends(first)[0]?.coupon?.code } }, at('2026-11-25T10:00:00+08:00'))
    const reminder = driver.wake()
    expect(sends(reminder)).toEqual([])
    expect(reminder.log.find((entry) => entry.kind === 'skipped')?.message.en).toBe('skipped: the coupon is already redeemed')
  })

  it('is skipped when the date attribute is missing, and sent on time when it is there', () => {
    const document = template('coupon-expiry-reminder')
    const missing = new Driver(document, contact({ attributes: { coupon_name: '咖啡券' } }))
    expect(
      missing
        .start(at('2026-11-24T10:00:00+08:00'))
        .log.filter((entry) => entry.kind === 'skipped')
        .map((entry) => entry.message.en),
    ).toEqual(['skipped: no expiry date'])
    const present = new Driver(document, contact({ attributes: { coupon_name: '咖啡券', coupon_expires_at: '2026-11-28T18:00:00+08:00' } }))
    expect(present.start(at('2026-11-24T10:00:00+08:00')).effects).toEqual([{ type: 'wake', at: at('2026-11-27T18:00:00+08:00') }])
    expect(sends(present.wake()).map((effect) => [effect.text, effect.notAfter])).toEqual([
      ['【乐享商城】亲,您的咖啡券明天到期,记得使用哦 https://rcl.to/EFRQC7Z 回T退订', at('2026-11-28T18:00:00+08:00')],
    ])
  })

  it('moves a night-time reminder back into the evening window before expiry rather than skipping it', () => {
    const document = chain(
      [
        {
          id: 'remind',
          type: 'reminder_before_expiry',
          data: { expiry: { source: 'attribute', attribute: 'points_expire_at' }, before: { amount: 6, unit: 'hours' }, text: '您的积分即将到期', category: 'recall' },
        },
      ],
      {},
      [],
    )
    document.edges[1] = { id: 'e1', source: 'remind', sourceHandle: 'sent', target: 'end' }
    // Expires 08:00; 6 hours before is 02:00; the next opening (08:00) is too late, so 20:30 the evening before.
    const driver = new Driver(document, contact({ attributes: { points_expire_at: '2026-11-27T08:00:00+08:00' } }))
    expect(driver.start(at('2026-11-24T10:00:00+08:00')).effects).toEqual([{ type: 'wake', at: at('2026-11-26T20:30:00+08:00') }])
    expect(sends(driver.wake())).toHaveLength(1)
  })

  it('is skipped when it is already expired', () => {
    const document = template('coupon-expiry-reminder')
    const driver = new Driver(document, contact({ attributes: { coupon_name: '咖啡券', coupon_expires_at: '2026-11-20T18:00:00+08:00' } }))
    expect(
      driver
        .start(at('2026-11-24T10:00:00+08:00'))
        .log.filter((entry) => entry.kind === 'skipped')
        .map((entry) => entry.message.en),
    ).toEqual(['skipped: already expired'])
  })
})

describe('durable state', () => {
  it('survives a JSON round trip between every step and gives the same effects', () => {
    const live = new Driver(template('win-back-90-days'))
    const stored = new Driver(template('win-back-90-days'))
    live.start(at('2026-11-24T22:00:00+08:00'))
    stored.start(at('2026-11-24T22:00:00+08:00'))
    for (let wake = 0; wake < 4 && live.state?.status === 'active'; wake++) {
      stored.state = JSON.parse(JSON.stringify(stored.state))
      expect(stored.wake()).toEqual(live.wake())
    }
    expect(live.state?.status).toBe('exited')
    // The last call (6 h before an 08:00 expiry) moved back to 20:30 the evening before.
    expect(iso(live.state?.exit?.at)).toBe('2026-11-30T12:30:00.000Z')
  })

  it('gives every visit of a node its own idempotency key', () => {
    const driver = new Driver(chain([sms('sms')]))
    const keys = sends(driver.start(at('2026-11-24T10:00:00+08:00'))).map((effect) => effect.idempotencyKey)
    expect(keys).toEqual(['enr-1:sms:1'])
  })
})
