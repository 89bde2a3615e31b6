import { type JourneyDocument, type NodeData, validateJourney } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { DAY, defaultPolicies, HOUR, simulate } from '../src/index'
import { at, chain, contact, Driver, sends } from './helpers'

const pastRenewal = contact({ attributes: { name: '张女士', renew_at: '2026-01-05T00:00:00+08:00' } })
const now = at('2026-11-24T10:00:00+08:00')

/** start → pause (a wait) → sms → back to pause; validation is bypassed by driving the document directly. */
function loop(wait: NodeData<'wait'>, category: 'transactional' | 'marketing' = 'transactional'): JourneyDocument {
  const document = chain([
    { id: 'pause', type: 'wait', data: wait },
    { id: 'sms', type: 'send_sms', data: { text: '您的会员即将到期', category } },
  ])
  document.edges = document.edges.map((edge) => (edge.source === 'sms' ? { ...edge, target: 'pause' } : edge))
  document.nodes = document.nodes.filter((node) => node.id !== 'end')
  return document
}

const untilRenewal: NodeData<'wait'> = { mode: 'until_date_attribute', attribute: 'renew_at', offsetDays: 0, time: '10:00' }

describe('a loop with no wait that takes time', () => {
  it('sends one message to a contact whose date is past, then stops it with the reason on its log', () => {
    const document = loop(untilRenewal)
    expect(validateJourney(document).problems.map((problem) => problem.code)).toEqual(['journey.loop_without_wait'])
    const driver = new Driver(document, pastRenewal)
    const result = driver.start(now)
    expect(sends(result)).toHaveLength(1)
    expect(result.effects.at(-1)).toEqual({ type: 'exit', reason: 'stopped: loop at node pause without a wait', code: 'loop_guard', converted: false })
    expect(result.log.at(-1)).toEqual({
      at: now,
      nodeId: 'sms',
      kind: 'exited',
      message: { en: 'stopped: loop at node pause without a wait', zh: '已停止:节点 pause 处的循环没有等待' },
      detail: 'loop_guard',
    })
    expect(result.state).toMatchObject({ status: 'exited', wake: undefined, exit: { at: now, code: 'loop_guard' } })
  })

  it('sends one marketing message even with every cap removed', () => {
    const driver = new Driver(loop(untilRenewal, 'marketing'), pastRenewal, defaultPolicies({ caps: [] }))
    expect(sends(driver.start(now))).toHaveLength(1)
    expect(driver.state?.status).toBe('exited')
  })

  it.each([
    ['onto itself', ['split'], 'split'],
    ['through another split', ['split', 'split2'], 'split'],
  ])('stops a loop of splits %s instead of spinning or resting there', (_case, splits, loopAt) => {
    const document = chain([
      { id: 'sms', type: 'send_sms', data: { text: '您的订单已发货', category: 'transactional' } },
      ...splits.map((id) => ({ id, type: 'segment_split' as const, data: { branches: [] } })),
    ])
    const last = splits.at(-1)
    document.edges = document.edges.map((edge) => (splits.includes(edge.source) ? { ...edge, sourceHandle: 'else', ...(edge.source === last ? { target: 'split' } : {}) } : edge))
    const result = new Driver(document).start(now)
    expect(sends(result)).toHaveLength(1)
    expect(result.state.exit).toEqual({ at: now, code: 'loop_guard', reason: `stopped: loop at node ${loopAt} without a wait` })
  })
})

describe('a held send that loops back into itself', () => {
  it('sends once when it wakes, counting its run at the wake as its visit', () => {
    const document = chain([{ id: 'sms', type: 'send_sms', data: { text: '好久不见', category: 'recall' } }])
    document.edges = document.edges.map((edge) => (edge.source === 'sms' ? { ...edge, target: 'sms' } : edge))
    const driver = new Driver(document, contact(), defaultPolicies({ caps: [] }))
    expect(driver.start(at('2026-11-24T22:30:00+08:00')).effects[0]).toMatchObject({ type: 'hold', until: at('2026-11-25T08:00:00+08:00') })
    const woke = driver.wake()
    expect(sends(woke)).toHaveLength(1)
    expect(woke.state.exit).toEqual({ at: at('2026-11-25T08:00:00+08:00'), code: 'loop_guard', reason: 'stopped: loop at node sms without a wait' })
  })
})

describe('the simulator, on the same engine', () => {
  it('gives each contact of a past-date loop one message and counts the loop stops', () => {
    const contacts = ['a', 'b', 'c'].map((id) => ({ ...pastRenewal, id }))
    const result = simulate(loop(untilRenewal, 'marketing'), contacts, { start: now, days: 3, seed: 1, policies: defaultPolicies({ caps: [] }), entrySpreadHours: 1 })
    expect(result.messages.total).toBe(3)
    expect(result.exits).toEqual([{ code: 'loop_guard', message: { en: 'stopped: loop at node pause without a wait', zh: '已停止:节点 pause 处的循环没有等待' }, count: 3 }])
  })
})

describe('a wait with a minimum ("at least")', () => {
  it('waits the minimum when the date is past, so the loop sends once a day', () => {
    const driver = new Driver(loop({ ...untilRenewal, minimum: { amount: 1, unit: 'days' } }), pastRenewal)
    expect(driver.start(now).effects).toEqual([{ type: 'wake', at: now + DAY }])
    expect(sends(driver.wake())).toHaveLength(1)
    expect(driver.state).toMatchObject({ status: 'active', wake: { at: now + 2 * DAY } })
    expect(sends(driver.wake())).toHaveLength(1)
  })

  it('waits the minimum when the contact has no such date', () => {
    const driver = new Driver(loop({ ...untilRenewal, minimum: { amount: 2, unit: 'hours' } }))
    expect(driver.start(now).effects).toEqual([{ type: 'wake', at: now + 2 * HOUR }])
  })

  it('still waits for a later date or time when that is further away than the minimum', () => {
    const later = contact({ attributes: { renew_at: '2026-12-01T00:00:00+08:00' } })
    expect(new Driver(loop({ ...untilRenewal, minimum: { amount: 1, unit: 'days' } }), later).start(now).effects).toEqual([{ type: 'wake', at: at('2026-12-01T10:00:00+08:00') }])
    // 09:30 until 10:00 with at least 2 hours: 11:30, not the next day's 10:00.
    const untilTen = new Driver(loop({ mode: 'until_time', time: '10:00', minimum: { amount: 2, unit: 'hours' } }))
    expect(untilTen.start(at('2026-11-24T09:30:00+08:00')).effects).toEqual([{ type: 'wake', at: at('2026-11-24T11:30:00+08:00') }])
  })
})
