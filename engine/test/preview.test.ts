import type { JourneyNode } from '@recall/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { composeMessages, messageNodesInOrder, shortLinkCode } from '../src/index'
import { at, chain, contact, Driver, policies, sends } from './helpers'

const offer = { kind: 'amount_off' as const, value: 30, label: '满100减30券', validHours: 48 }
const journey = chain(
  [
    {
      id: 'sms',
      type: 'send_sms',
      data: {
        text: '{{name|亲}},送您{{coupon.label}},券码 {{coupon.code}},{{coupon.expires}}前有效 {{link}}',
        category: 'recall',
        offer,
        linkUrl: 'https://shop.example.com/sale',
        providerTemplate: { code: 'SMS_1', params: { name: '{{name|亲}}', code: '{{coupon.code}}' } },
      },
    },
    {
      id: 'remind',
      type: 'reminder_before_expiry',
      data: { expiry: { source: 'coupon', sendNodeId: 'sms' }, before: { amount: 3, unit: 'hours' }, text: '{{coupon.code}} 快到期了', category: 'recall' },
    },
    {
      id: 'mms',
      type: 'send_mms',
      data: {
        title: '会员专享',
        slides: [{ text: '{{name}}专享' }],
        maxTotalBytes: 300_000,
        fallbackText: 'Hi {{name|there}}, see {{link}}',
        category: 'transactional',
        linkUrl: 'https://shop.example.com/m',
      },
    },
  ] as Omit<JourneyNode, 'position'>[],
  {},
  ['sent'],
)
const now = at('2026-11-24T10:00+08:00')

describe('composing every message of a journey for one contact', () => {
  it('lists message nodes in the order a contact meets them, unreached ones last', () => {
    const shuffled = { ...journey, nodes: [...journey.nodes].reverse() }
    expect(messageNodesInOrder(shuffled).map((node) => node.id)).toEqual(['sms', 'remind', 'mms'])
    const detached = { ...journey, edges: journey.edges.filter((edge) => edge.target !== 'mms') }
    expect(messageNodesInOrder(detached).map((node) => node.id)).toEqual(['sms', 'remind', 'mms'])
  })

  it('renders each message exactly, the reminder with the coupon the earlier send issued', () => {
    const messages = composeMessages(journey, contact(), policies, now, (nodeId) => `preview:c1:${nodeId}`)
    const [sms, remind, mms] = messages.map((message) => message.send)
    const code = sms?.coupon?.code as string
    expect(code).toMatch(/^[A-Z2-9]{8}$/)
    const link = `https://rcl.to/${sms?.effect.link?.code}`
    expect(sms?.effect.text).toBe(`【乐享】张女士,送您满100减30券,券码 ${code},11月26日 10:00前有效 ${link} 回T退订`)
    expect(sms?.effect.template).toEqual({ code: 'SMS_1', params: { name: '张女士', code } })
    expect(sms?.parts).toMatchObject({ encoding: 'UCS-2', units: sms?.effect.text.length, parts: 2, perPart: 67 })
    expect(remind?.coupon?.code).toBe(code)
    expect(remind?.effect.text).toBe(`【乐享】${code} 快到期了 回T退订`)
    expect(mms?.effect.text).toBe(`【乐享】Hi 张女士, see https://rcl.to/${mms?.effect.link?.code}`)
    expect(mms?.effect.mms).toEqual({ title: '会员专享', slides: [{ text: '张女士专享' }], fallbackText: 'Hi {{name|there}}, see {{link}}' })
    expect(mms?.missing).toEqual([])
  })

  it('makes each link code from the message key with the code maker it is given, the plain hash without one', () => {
    const keyed = composeMessages(
      journey,
      contact(),
      policies,
      now,
      (nodeId) => `k:${nodeId}`,
      (key) => `Z${key.length}KEYED`.slice(0, 7),
    )
    const [sms, , mms] = keyed.map((message) => message.send.effect)
    expect([sms?.link?.code, mms?.link?.code, sms?.text.includes('https://rcl.to/Z5KEYED ')]).toEqual(['Z5KEYED', 'Z5KEYED', true])
    const [plain] = composeMessages(journey, contact(), policies, now, (nodeId) => `k:${nodeId}`)
    expect(plain?.send.effect.link?.code).toBe(shortLinkCode('k:sms'))
  })

  it('fills MMS slides for the contact, with nothing for a variable without value or fallback', () => {
    const [, , mms] = composeMessages(journey, contact({ attributes: {} }), policies, now, (nodeId) => `k:${nodeId}`)
    expect(mms?.send.effect.text).toBe(`【乐享】Hi there, see https://rcl.to/${mms?.send.effect.link?.code}`)
    expect(mms?.send.effect.mms?.slides).toEqual([{ text: '专享' }])
  })

  it('sends the fallback, never an inherited function, for a variable named like an object built-in the contact lacks', () => {
    const builtIns = chain(
      [{ id: 'sms', type: 'send_sms', data: { text: '{{constructor|朋友}}您好 {{toString|}}{{__proto__|!}}', category: 'recall' } }] as Omit<JourneyNode, 'position'>[],
      {},
      ['sent'],
    )
    const [without] = composeMessages(builtIns, contact({ attributes: {} }), policies, now, () => 'k')
    expect(without?.send.effect.text).toBe('【乐享】朋友您好 ! 回T退订')
    // A CSV column may be named so: the contact's own value is used.
    const [own] = composeMessages(builtIns, contact({ attributes: JSON.parse('{"constructor":"王先生","__proto__":"?"}') }), policies, now, () => 'k')
    expect(own?.send.effect.text).toBe('【乐享】王先生您好 ? 回T退订')
  })

  it('fills a name a plain object inherits (constructor, toString, __proto__) with its fallback, in the text, slides and template', () => {
    const names = '{{constructor|friend}} {{toString|x}} {{__proto__|y}}'
    const inherited = chain([
      { id: 'sms', type: 'send_sms', data: { text: `Hi ${names}`, category: 'transactional', providerTemplate: { code: 'SMS_1', params: { p: names } } } },
      { id: 'mms', type: 'send_mms', data: { title: 'T', slides: [{ text: names }], maxTotalBytes: 300_000, fallbackText: 'Hi', category: 'transactional' } },
    ] as Omit<JourneyNode, 'position'>[])
    const [sms, mms] = composeMessages(inherited, contact(), policies, now, (nodeId) => `k:${nodeId}`).map((message) => message.send)
    expect(sms?.effect.text).toBe('【乐享】Hi friend x y')
    expect(sms?.effect.template?.params).toEqual({ p: 'friend x y' })
    expect(mms?.effect.mms?.slides).toEqual([{ text: 'friend x y' }])
  })

  it('gives the same text the engine sends for the same key', () => {
    const [effect] = sends(new Driver(journey).start(now))
    if (!effect) throw new Error('no send')
    const [preview] = composeMessages(journey, contact(), policies, now, () => effect.idempotencyKey)
    expect(preview?.send.effect).toEqual(effect)
  })

  it('for any name, points and minute of the sending day, previews exactly what the engine sends first', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.integer({ min: 0, max: 600 }),
        fc.constantFrom('Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore'),
        (name, points, timeZone) => {
          const person = contact({ timeZone, attributes: { name, points } })
          const moment = now + 60_000 * points
          const [effect] = sends(new Driver(journey, person).start(moment))
          if (!effect) throw new Error('a send inside 10:00–20:00 local time was not made')
          const [preview] = composeMessages(journey, person, policies, moment, () => effect.idempotencyKey)
          expect(preview?.send.effect).toEqual(effect)
        },
      ),
      { numRuns: 60, seed: 16 },
    )
  })
})
