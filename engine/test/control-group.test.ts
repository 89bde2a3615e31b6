import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ContactView, type ControlGroup, defaultPolicies, inControlGroup, simulate } from '../src/index'
import { at, chain, contact, Driver } from './helpers'

const ids = Array.from({ length: 100_000 }, (_, index) => `contact-${index}`)
const heldOut = (group: ControlGroup) => ids.filter((id) => inControlGroup(group, id))

describe('global control group membership (fast-check)', () => {
  it('holds 4,700–5,300 of 100,000 contacts at 5%, the same set when recomputed from the stored salt, growing only as the share grows', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 36 }), (salt) => {
        const members = heldOut({ percent: 5, salt })
        expect(members.length).toBeGreaterThanOrEqual(4_700)
        expect(members.length).toBeLessThanOrEqual(5_300)
        // A restart reads the same salt back: nobody changes group.
        expect(heldOut({ percent: 5, salt: `${salt}` })).toEqual(members)
        const wider = new Set(heldOut({ percent: 10, salt }))
        expect(members.every((id) => wider.has(id))).toBe(true)
      }),
      { numRuns: 12 },
    )
  })

  it('holds nobody at 0% or without a control group', () => {
    expect(ids.slice(0, 1000).some((id) => inControlGroup({ percent: 0, salt: 's' }, id) || inControlGroup(undefined, id))).toBe(false)
  })
})

describe('a held-out contact in a journey', () => {
  const group: ControlGroup = { percent: 50, salt: 'workspace-salt' }
  const policies = defaultPolicies({ controlGroup: group })
  const journey = chain([
    { id: 'offer', type: 'send_sms', data: { text: '{{name}},好久不见,回来看看吧', category: 'recall' } },
    { id: 'receipt', type: 'send_sms', data: { text: '您的订单已发货', category: 'transactional' } },
  ])
  const memberId = ids.find((id) => inControlGroup(group, id)) as string
  const treatedId = ids.find((id) => !inControlGroup(group, id)) as string
  const tenAm = at('2026-11-24T10:00+08:00')

  it('gets no recall send but does get the transactional one, and moves on along the sent path', () => {
    const driver = new Driver(journey, contact({ id: memberId }), policies)
    const result = driver.start(tenAm)
    expect(result.state.heldOut).toBe(true)
    expect(result.effects.filter((effect) => effect.type === 'send').map((effect) => effect.type === 'send' && [effect.nodeId, effect.category])).toEqual([
      ['receipt', 'transactional'],
    ])
    expect(result.log.filter((entry) => entry.nodeId === 'offer').map(({ kind, message, detail }) => ({ kind, message, detail }))).toEqual([
      { kind: 'entered', message: { en: 'entered offer (Recall SMS · 1 part)', zh: '进入 offer(召回短信 · 1 条)' }, detail: 'e0' },
      // The sent path: the held-out contact goes on where a sent message leads.
      { kind: 'held_out', message: { en: 'held out (global control group)', zh: '对照组:不发送' }, detail: 'out' },
    ])
    expect(result.state.status).toBe('exited')
  })

  it('leaves a treated contact of the same workspace its recall send', () => {
    const result = new Driver(journey, contact({ id: treatedId }), policies).start(tenAm)
    expect(result.state.heldOut).toBe(false)
    expect(new Driver(journey, contact({ id: memberId })).start(tenAm).state.heldOut).toBeUndefined()
    expect(result.effects.flatMap((effect) => (effect.type === 'send' ? [effect.nodeId] : []))).toEqual(['offer', 'receipt'])
  })

  it('is held like a treated contact outside the send window, then held out when the window opens', () => {
    const driver = new Driver(journey, contact({ id: memberId }), policies)
    const night = driver.start(at('2026-11-24T22:30+08:00'))
    expect(night.log.at(-1)?.kind).toBe('held')
    const morning = driver.step({ type: 'wake' }, at('2026-11-25T08:00+08:00'))
    expect(morning.log.find((entry) => entry.nodeId === 'offer' && entry.kind === 'held_out')?.at).toBe(at('2026-11-25T08:00+08:00'))
    expect(morning.effects.flatMap((effect) => (effect.type === 'send' ? [effect.nodeId] : []))).toEqual(['receipt'])
  })
})

describe('a simulation with a control group', () => {
  it('sends the recall message only to treated contacts, and the transactional one to everyone', () => {
    const group: ControlGroup = { percent: 20, salt: 'simulated' }
    const journey = chain([
      { id: 'offer', type: 'send_sms', data: { text: '好久不见,回来看看吧', category: 'recall' } },
      { id: 'receipt', type: 'send_sms', data: { text: '您的积分已到账', category: 'transactional' } },
    ])
    const people: ContactView[] = ids.slice(0, 500).map((id) => contact({ id }))
    const result = simulate(journey, people, {
      start: at('2026-11-24T10:00+08:00'),
      days: 1,
      seed: 7,
      policies: defaultPolicies({ controlGroup: group }),
      keepMessages: 10_000,
      timelineContacts: 0,
    })
    const heldOutIds = new Set(people.filter((person) => inControlGroup(group, person.id)).map((person) => person.id))
    // 20% of 500 by the salted hash: 97 held out.
    expect(heldOutIds.size).toBe(97)
    const offers = result.messages.sample.filter((message) => message.nodeId === 'offer')
    expect(offers.map((message) => message.contactId).sort()).toEqual(
      people
        .filter((person) => !heldOutIds.has(person.id))
        .map((person) => person.id)
        .sort(),
    )
    expect(result.messages.sample.filter((message) => message.nodeId === 'receipt')).toHaveLength(500)
    expect(result.nodes.offer?.sent).toBe(403)
  })
})
