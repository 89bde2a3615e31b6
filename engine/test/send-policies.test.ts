import { LEGAL_WINDOW, type OptOutSource, toWeeklyIntervals } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { composeMessages, decideSend, defaultPolicies, HOUR, MINUTE } from '../src/index'
import { at, chain, contact, Driver, policies, sends } from './helpers'

const recallSms = { id: 'sms', type: 'send_sms', data: { text: '{{name|亲}},好久不见,送您一张券', category: 'recall' } } as const

describe('legal send window', () => {
  it('holds a recall SMS at 22:30 until 08:00 Asia/Shanghai and sends it then', () => {
    const driver = new Driver(chain([recallSms]))
    const first = driver.start(at('2026-11-24T22:30:00+08:00'))
    expect(first.effects).toEqual([
      {
        type: 'hold',
        nodeId: 'sms',
        until: at('2026-11-25T08:00:00+08:00'),
        code: 'window',
        reason: { en: 'held: outside 08:00–21:00 Asia/Shanghai, resumes 2026-11-25 08:00', zh: '暂缓:不在 08:00–21:00(Asia/Shanghai)发送时段内,将于 11月25日 08:00 发送' },
      },
      { type: 'wake', at: at('2026-11-25T08:00:00+08:00') },
    ])
    const second = driver.wake()
    expect(sends(second)).toEqual([
      {
        type: 'send',
        channel: 'sms',
        nodeId: 'sms',
        category: 'recall',
        text: '【乐享】张女士,好久不见,送您一张券 回T退订',
        parts: 1,
        idempotencyKey: 'enr-1:sms:1',
        // The window the dispatcher checks again at the moment of sending.
        window: { timeZone: 'Asia/Shanghai', weekly: toWeeklyIntervals(LEGAL_WINDOW) },
      },
    ])
    expect(second.effects.at(-1)).toEqual({ type: 'exit', reason: 'exited: completed', code: 'exit_node', converted: false })
    // The step hands the text to the outbox; whether it went out is the message's status, not the step's.
    expect(second.log.find((entry) => entry.kind === 'sent')?.message).toEqual({ en: 'SMS queued to send (1 part)', zh: '短信已排队待发送(1 条)' })
  })

  it('sends at 20:59 but holds at 21:00 sharp', () => {
    expect(sends(new Driver(chain([recallSms])).start(at('2026-11-24T20:59:00+08:00')))).toHaveLength(1)
    const late = new Driver(chain([recallSms])).start(at('2026-11-24T21:00:00+08:00'))
    expect(late.effects[0]).toMatchObject({ type: 'hold', until: at('2026-11-25T08:00:00+08:00') })
  })

  it("uses the contact's own time zone: 07:00 in London is 15:00 in Shanghai", () => {
    const driver = new Driver(chain([recallSms]), contact({ timeZone: 'Europe/London' }))
    expect(driver.start(at('2026-11-24T07:00:00Z')).effects[0]).toMatchObject({ type: 'hold', until: at('2026-11-24T08:00:00Z') })
  })

  it('falls back to the workspace zone when the contact has none', () => {
    const driver = new Driver(chain([recallSms]), contact({ timeZone: undefined }))
    expect(driver.start(at('2026-11-24T06:00:00+08:00')).effects[0]).toMatchObject({ type: 'hold', until: at('2026-11-24T08:00:00+08:00') })
  })

  it('sends transactional messages at night, without signature rules being skipped', () => {
    const driver = new Driver(chain([{ id: 'sms', type: 'send_sms', data: { text: '您的订单已发货', category: 'transactional' } }]))
    expect(sends(driver.start(at('2026-11-24T23:30:00+08:00')))).toMatchObject([{ text: '【乐享】您的订单已发货', category: 'transactional' }])
  })
})

describe('category windows, quiet hours and holidays', () => {
  it('holds a node with a weekend 18:00–20:00 window from Monday until Saturday 18:00', () => {
    const driver = new Driver(chain([{ ...recallSms, data: { ...recallSms.data, sendWindow: [{ days: [6, 7], start: '18:00', end: '20:00' }] } }]))
    expect(driver.start(at('2026-11-23T10:00:00+08:00')).effects[0]).toMatchObject({
      type: 'hold',
      until: at('2026-11-28T18:00:00+08:00'),
      reason: { en: 'held: outside 18:00–20:00 Asia/Shanghai, resumes 2026-11-28 18:00' },
    })
  })

  it('cuts an e-commerce 20:00–22:00 window at the 21:00 legal limit', () => {
    const driver = new Driver(chain([{ ...recallSms, data: { ...recallSms.data, sendWindow: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '20:00', end: '22:00' }] } }]))
    expect(driver.start(at('2026-11-24T21:15:00+08:00')).effects[0]).toMatchObject({ type: 'hold', until: at('2026-11-25T20:00:00+08:00') })
  })

  it('applies the workspace category window for finance-style weekday mornings', () => {
    const rules = defaultPolicies({ categoryWindows: { recall: [{ days: [1, 2, 3, 4, 5], start: '10:00', end: '12:00' }] } })
    const driver = new Driver(chain([recallSms]), contact(), rules)
    expect(driver.start(at('2026-11-27T13:00:00+08:00')).effects[0]).toMatchObject({ until: at('2026-11-30T10:00:00+08:00') })
  })

  it('holds on a public holiday until its own 10:00 opening', () => {
    const rules = defaultPolicies({ holidays: [{ date: '2026-10-01', start: '10:00', end: '21:00' }] })
    const driver = new Driver(chain([recallSms]), contact(), rules)
    expect(driver.start(at('2026-10-01T08:30:00+08:00')).effects[0]).toMatchObject({
      type: 'hold',
      code: 'holiday',
      until: at('2026-10-01T10:00:00+08:00'),
      reason: { en: 'held: holiday window 10:00–21:00 Asia/Shanghai, resumes 2026-10-01 10:00' },
    })
  })

  it('sends an order notice on a holiday morning: holidays narrow promotional sends only', () => {
    const rules = defaultPolicies({ holidays: [{ date: '2026-10-01', start: '10:00', end: '21:00' }] })
    const notice = { ...recallSms, data: { ...recallSms.data, category: 'transactional' as const, text: '您的订单已发货' } }
    const effects = new Driver(chain([notice]), contact(), rules).start(at('2026-10-01T08:30:00+08:00')).effects
    expect(effects[0]).toMatchObject({ type: 'send', category: 'transactional' })
  })

  it('spreads held sends over the first minutes of the window, the same way for the same contact', () => {
    const rules = defaultPolicies({ spreadHeldMinutes: 30 })
    const holds = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => {
      const driver = new Driver(chain([recallSms]), contact({ id }), rules)
      const hold = driver.start(at('2026-11-24T23:00:00+08:00')).effects[0] as { until: number }
      return hold.until
    })
    for (const until of holds) {
      expect(until).toBeGreaterThanOrEqual(at('2026-11-25T08:00:00+08:00'))
      expect(until).toBeLessThan(at('2026-11-25T08:30:00+08:00'))
    }
    expect(new Set(holds).size).toBeGreaterThan(1)
  })

  it("spreads held sends over the first half of a holiday's half-hour window at most, leaving the rest for a late wake", () => {
    const rules = defaultPolicies({ spreadHeldMinutes: 30, holidays: [{ date: '2026-10-01', start: '10:00', end: '10:30' }] })
    const holds = Array.from({ length: 40 }, (_, index) => {
      const hold = new Driver(chain([recallSms]), contact({ id: `c${index}` }), rules).start(at('2026-10-01T09:00:00+08:00')).effects[0] as { until: number }
      return hold.until
    })
    expect(Math.min(...holds)).toBe(at('2026-10-01T10:00:00+08:00'))
    expect(Math.max(...holds)).toBe(at('2026-10-01T10:14:00+08:00'))
  })
})

describe('frequency caps', () => {
  const twoRecallSends = [
    { at: at('2026-11-01T10:00:00+08:00'), category: 'recall' as const },
    { at: at('2026-11-10T10:00:00+08:00'), category: 'recall' as const },
  ]

  it('skips a third recall message within 30 days and says why', () => {
    const driver = new Driver(chain([recallSms], { onCapReached: 'skip' }), contact({ sends: twoRecallSends }))
    const result = driver.start(at('2026-11-24T10:00:00+08:00'))
    expect(sends(result)).toEqual([])
    expect(result.log.find((entry) => entry.kind === 'skipped')?.message).toEqual({
      en: 'skipped: recall cap 2 per 30 days reached',
      zh: '跳过:已达频次上限(召回:每 30 天最多 2 条)',
    })
  })

  it('holds until the oldest counted send leaves the rolling window when the journey says hold', () => {
    const driver = new Driver(chain([recallSms], { onCapReached: 'hold' }), contact({ sends: twoRecallSends }))
    expect(driver.start(at('2026-11-24T10:00:00+08:00')).effects[0]).toMatchObject({ type: 'hold', code: 'cap', until: at('2026-12-01T10:00:00+08:00') })
    expect(sends(driver.wake())).toHaveLength(1)
  })

  it('exits the contact when the journey says exit', () => {
    const driver = new Driver(chain([recallSms], { onCapReached: 'exit' }), contact({ sends: twoRecallSends }))
    expect(driver.start(at('2026-11-24T10:00:00+08:00')).effects).toEqual([
      { type: 'exit', reason: 'exited: recall cap 2 per 30 days reached', code: 'cap_reached', converted: false },
    ])
  })

  it('counts sends from other journeys: one marketing message today blocks a recall message', () => {
    const driver = new Driver(chain([recallSms]), contact({ sends: [{ at: at('2026-11-24T09:00:00+08:00'), category: 'marketing' }] }))
    const result = driver.start(at('2026-11-24T15:00:00+08:00'))
    expect(result.log.find((entry) => entry.kind === 'skipped')?.message.en).toBe('skipped: marketing+recall cap 1 per 1 days reached')
  })

  it('names the cap, not the window, when a cap holds a send inside its window until a later opening', () => {
    // 17:00 is inside the node's 17:00–20:00 window; this morning's marketing send fills the 1-a-day cap until 09:00 tomorrow.
    const evening = { ...recallSms, data: { ...recallSms.data, sendWindow: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '17:00', end: '20:00' }] } }
    const driver = new Driver(chain([evening], { onCapReached: 'hold' }), contact({ sends: [{ at: at('2026-11-24T09:00:00+08:00'), category: 'marketing' }] }))
    expect(driver.start(at('2026-11-24T17:00:00+08:00')).effects[0]).toEqual({
      type: 'hold',
      nodeId: 'sms',
      until: at('2026-11-25T17:00:00+08:00'),
      code: 'cap',
      reason: {
        en: 'held: marketing+recall cap 1 per 1 days reached, resumes 2026-11-25 17:00 Asia/Shanghai',
        zh: '暂缓:已达频次上限(营销+召回:每 1 天最多 1 条),将于 11月25日 17:00(Asia/Shanghai)发送',
      },
    })
  })

  it('never caps transactional messages', () => {
    // Nine: the tenth would reach the daily ceiling, which does count transactional messages.
    const many = Array.from({ length: 9 }, (_, index) => ({ at: at('2026-11-24T09:00:00+08:00') + index, category: 'recall' as const }))
    const driver = new Driver(chain([{ id: 'sms', type: 'send_sms', data: { text: '您的预约明天10:00', category: 'transactional' } }]), contact({ sends: many }))
    expect(sends(driver.start(at('2026-11-24T15:00:00+08:00')))).toHaveLength(1)
  })
})

describe('daily message ceiling', () => {
  const transactional = { id: 'sms', type: 'send_sms', data: { text: '您的验证码已发送', category: 'transactional' } } as const
  const now = at('2026-11-24T15:00:00+08:00')
  /** `count` sends of `category`, the oldest `hoursAgo` hours before now. */
  const history = (count: number, hoursAgo: number, category: 'transactional' | 'marketing' = 'transactional') =>
    Array.from({ length: count }, (_, index) => ({ at: now - hoursAgo * HOUR + index * MINUTE, category }))

  it('skips the 11th message in 24 hours, transactional included, with caps removed, and says why', () => {
    const driver = new Driver(chain([transactional]), contact({ sends: history(10, 23) }), defaultPolicies({ caps: [] }))
    const result = driver.start(now)
    expect(sends(result)).toEqual([])
    expect(result.log.find((entry) => entry.kind === 'skipped')?.message).toEqual({
      en: 'skipped: daily ceiling of 10 messages per contact reached',
      zh: '跳过:已达每位联系人每日 10 条消息的上限',
    })
  })

  it('counts every category and rolls: sends over 24 hours ago no longer count', () => {
    const mixed = [...history(5, 20, 'marketing'), ...history(4, 10)]
    expect(sends(new Driver(chain([transactional]), contact({ sends: mixed })).start(now))).toHaveLength(1)
    expect(sends(new Driver(chain([transactional]), contact({ sends: [...mixed, ...history(1, 1, 'marketing')] })).start(now))).toEqual([])
    expect(sends(new Driver(chain([transactional]), contact({ sends: history(10, 24) })).start(now))).toHaveLength(1)
  })

  it('follows the workspace setting', () => {
    const three = defaultPolicies({ dailyMessageCeiling: 3 })
    expect(sends(new Driver(chain([transactional]), contact({ sends: history(2, 5) }), three).start(now))).toHaveLength(1)
    expect(decideSend({ category: 'transactional', window: [], onCapReached: 'hold', spreadKey: 'k' }, contact({ sends: history(3, 5) }), three, now)).toEqual({
      kind: 'skip',
      code: 'daily_ceiling',
      reason: { en: 'skipped: daily ceiling of 3 messages per contact reached', zh: '跳过:已达每位联系人每日 3 条消息的上限' },
    })
  })
})

describe('consent and suppression', () => {
  it('exits a contact without consent at the first marketing send, with the reason', () => {
    const driver = new Driver(chain([recallSms]), contact({ consent: false }))
    expect(driver.start(at('2026-11-24T10:00:00+08:00')).effects).toEqual([
      { type: 'exit', reason: 'exited: no consent to marketing messages', code: 'no_consent', converted: false },
    ])
  })

  it('exits a suppressed number and sends nothing', () => {
    const driver = new Driver(chain([recallSms]), contact({ suppressed: true }))
    expect(driver.start(at('2026-11-24T10:00:00+08:00')).effects).toEqual([
      { type: 'exit', reason: 'exited: the number is on the suppression list (opted out)', code: 'suppressed', converted: false },
    ])
  })

  // Found by an outside tester: the exit said "the number is on the suppression list" for a person who
  // had opted out themselves at another number, and never said who could lift it.
  /** The exit line of a recall send to a contact stopped by this opt-out, at 10:00 Beijing time. */
  const exitLine = (whose: 'person' | 'number', source: OptOutSource, by?: string) => {
    const optOut = { whose, record: { at: at(whose === 'person' ? '2026-11-20T21:05:00+08:00' : '2026-10-01T09:30:00+08:00'), source, by } }
    const result = new Driver(chain([recallSms]), contact({ suppressed: true, optOut })).start(at('2026-11-24T10:00:00+08:00'))
    expect(result.effects).toEqual([{ type: 'exit', reason: result.log.at(-1)?.message.en, code: 'suppressed', converted: false }])
    return result.log.at(-1)?.message
  }

  it("names the person's own opt-out, when (in their zone) and how, and who may lift it", () => {
    expect(exitLine('person', 'reply')).toEqual({
      en: 'exited: this person opted out at 2026-11-20 21:05 Asia/Shanghai by replying to opt out; it follows them to any number; their own START reply lifts it',
      zh: '退出:此人已于 2026年11月20日 21:05 Asia/Shanghai 回复退订;换用任何号码都有效;本人回复订阅可恢复',
    })
    expect(exitLine('person', 'admin', 'Ada')).toEqual({
      en: 'exited: Ada opted this person out at 2026-11-20 21:05 Asia/Shanghai; only a colleague can lift it, on the Replies page after a START reply from them',
      zh: '退出:Ada 已于 2026年11月20日 21:05 Asia/Shanghai 将此人退订;本人回复订阅后,只能由同事在"回复"页面解除',
    })
    expect(exitLine('person', 'import')?.en).toBe(
      'exited: this person was imported as opted out at 2026-11-20 21:05 Asia/Shanghai; only a colleague can lift it, on the Replies page after a START reply from them',
    )
    expect(exitLine('person', 'complaint')?.zh).toBe('退出:此人已于 2026年11月20日 21:05 Asia/Shanghai 投诉并退订;本人回复订阅后,只能由同事在"回复"页面解除')
  })

  it('says when only the number is opted out, from before the person held it, and how to lift it, in both languages', () => {
    expect(exitLine('number', 'reply')).toEqual({
      en: "exited: not this person's own opt-out: their number was opted out at 2026-10-01 09:30 Asia/Shanghai (a reply from the number), before they held it or for another contact with it; a START reply from the number lifts it",
      zh: '退出:并非此人本人退订:此号码已于 2026年10月1日 09:30 Asia/Shanghai 被退订(此号码回复退订),早于此人使用该号码,或是为使用同一号码的其他联系人退订;此号码回复订阅即可恢复',
    })
    expect(exitLine('number', 'import')).toEqual({
      en: "exited: not this person's own opt-out: their number was opted out at 2026-10-01 09:30 Asia/Shanghai (an import), before they held it or for another contact with it; a colleague can lift it on the Replies page after a START reply from the number",
      zh: '退出:并非此人本人退订:此号码已于 2026年10月1日 09:30 Asia/Shanghai 被退订(导入),早于此人使用该号码,或是为使用同一号码的其他联系人退订;此号码回复订阅后,可由同事在"回复"页面解除',
    })
    expect(exitLine('number', 'admin')?.en).toContain('(by a colleague)')
  })

  it('still sends transactional messages to a contact without marketing consent', () => {
    const driver = new Driver(chain([{ id: 'sms', type: 'send_sms', data: { text: '您的订单已发货', category: 'transactional' } }]), contact({ consent: false }))
    expect(sends(driver.start(at('2026-11-24T10:00:00+08:00')))).toHaveLength(1)
  })
})

describe('caps under concurrency', () => {
  it('counts a send stamped a moment after now, made by another worker', () => {
    const driver = new Driver(
      chain([{ id: 'sms', type: 'send_sms', data: { text: '好久不见', category: 'recall' } }]),
      contact({ sends: [{ at: at('2026-11-24T10:00:01+08:00'), category: 'recall' }] }),
    )
    const result = driver.start(at('2026-11-24T10:00:00+08:00'))
    expect(sends(result)).toEqual([])
    expect(result.log.find((entry) => entry.kind === 'skipped')?.message.en).toBe('skipped: marketing+recall cap 1 per 1 days reached')
  })
})

describe('coupon pools', () => {
  const poolSms = {
    id: 'sms',
    type: 'send_sms',
    data: {
      text: '送您{{coupon.label}},券码 {{coupon.code}}',
      category: 'recall',
      offer: { kind: 'amount_off', value: 20, label: '20元无门槛券', validHours: 72, poolId: 'vip-2026' },
    },
  } as const

  it('holds a send whose pool is empty, hour by hour, and sends once codes are back', () => {
    const rules = defaultPolicies({ couponCodesLeft: { 'vip-2026': 0 } })
    const driver = new Driver(chain([poolSms]), contact(), rules)
    const held = driver.start(at('2026-11-24T10:00:00+08:00'))
    expect(held.effects[0]).toEqual({
      type: 'hold',
      nodeId: 'sms',
      until: at('2026-11-24T11:00:00+08:00'),
      code: 'pool',
      poolId: 'vip-2026',
      reason: { en: 'held: coupon pool "vip-2026" has no codes left; tries again hourly', zh: '暂缓:优惠券码池"vip-2026"已无可用券码,每小时重试' },
    })
    expect(driver.state?.coupons).toEqual([])
    rules.couponCodesLeft = { 'vip-2026': 5 }
    const sent = driver.wake()
    expect(sends(sent)).toHaveLength(1)
    expect(sends(sent)[0]?.coupon).toMatchObject({ label: '20元无门槛券', value: 20 })
  })

  it('draws freely when pools are not tracked, as in simulations', () => {
    expect(sends(new Driver(chain([poolSms])).start(at('2026-11-24T10:00:00+08:00')))).toHaveLength(1)
  })
})

describe('a short link address stored before the API refused non-web ones', () => {
  const linkSms = { id: 'sms', type: 'send_sms', data: { text: '{{name|亲}},点此领券 {{link}}', category: 'recall', linkUrl: 'https://shop.example.cn/coupon' } } as const
  const stored = defaultPolicies({ shortLinkBase: 'javascript:alert(1)//' })

  it('skips a message with a {{link}}, saying which setting to fix, and sends nothing', () => {
    const result = new Driver(chain([linkSms]), contact(), stored).start(at('2026-11-24T10:00:00+08:00'))
    expect(sends(result)).toEqual([])
    expect(result.log.find((entry) => entry.kind === 'skipped')?.message).toEqual({
      en: 'skipped: the short link address "javascript:alert(1)//" in Settings is not a web address (http:// or https://); the message was not sent',
      zh: '跳过:设置中的短链接地址"javascript:alert(1)//"不是有效网址(http:// 或 https://),消息未发送',
    })
  })

  it('still sends a message without a link, and never writes the address into a preview or test send', () => {
    expect(sends(new Driver(chain([recallSms]), contact(), stored).start(at('2026-11-24T10:00:00+08:00')))).toHaveLength(1)
    const [preview] = composeMessages(chain([linkSms]), contact(), stored, at('2026-11-24T10:00:00+08:00'), (nodeId) => nodeId)
    expect([preview?.send.effect.text.includes('javascript:'), preview?.send.missing]).toEqual([false, ['link']])
  })
})

describe('a text that personalisation makes too long', () => {
  const named = (name: string) => contact({ attributes: { name } })
  // 【乐享】 + name + "，好久不见，送您一张券 回T退订": UCS-2, 67 characters a part once split.
  const fixedCharacters = '【乐享】，好久不见，送您一张券 回T退订'.length

  it('skips it with the part count and the limit, sends nothing and takes the skipped path', () => {
    const result = new Driver(chain([recallSms]), named('龙'.repeat(60_000)), policies).start(at('2026-11-24T10:00:00+08:00'))
    expect(sends(result)).toEqual([])
    const parts = Math.ceil((60_000 + fixedCharacters) / 67)
    expect(result.log.find((entry) => entry.kind === 'skipped')?.message).toEqual({
      en: `skipped: with this contact's details the text is ${parts} parts long, over the limit of 10 (an attribute it uses is probably far too long); the message was not sent`,
      zh: `跳过:代入该联系人的信息后短信长达 ${parts} 条,超过 10 条上限(所用的某个属性可能过长),消息未发送`,
    })
  })

  it('sends a text of exactly 10 parts and skips one of 11', () => {
    const fits = 10 * 67 - fixedCharacters
    const sent = sends(new Driver(chain([recallSms]), named('龙'.repeat(fits)), policies).start(at('2026-11-24T10:00:00+08:00')))
    expect(sent.map((effect) => (effect as { parts: number }).parts)).toEqual([10])
    expect(sends(new Driver(chain([recallSms]), named('龙'.repeat(fits + 1)), policies).start(at('2026-11-24T10:00:00+08:00')))).toEqual([])
  })
})
