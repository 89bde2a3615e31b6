import { describe, expect, it } from 'vitest'
import { type CapRule, compareWorkspaceRuns, defaultPolicies, simulateWorkspace, type WorkspaceJourney } from '../src/index'
import { at, chain, contact } from './helpers'

const start = at('2026-11-02T10:00:00+08:00')
const recallCap = (limit: number): CapRule[] => [{ id: 'recall-30d', categories: ['recall'], limit, window: { amount: 30, unit: 'days' } }]
const send = (id: string) => ({ id, type: 'send_sms' as const, data: { text: '好久不见,回来看看吧', category: 'recall' as const } })
const wait = (id: string, amount: number, unit: 'hours' | 'days') => ({ id, type: 'wait' as const, data: { mode: 'duration' as const, duration: { amount, unit } } })

/** Win-back sends at once, an hour later and two days later; the nudge waits a day, then sends. */
const winBack: WorkspaceJourney = {
  id: 'win-back',
  name: 'Win-back',
  document: chain([send('first'), wait('hour', 1, 'hours'), send('second'), wait('days', 2, 'days'), send('third')]),
}
const nudge: WorkspaceJourney = { id: 'nudge', name: 'Reorder nudge', document: chain([wait('day', 1, 'days'), send('nudge-send')]) }
const people = (count: number) => Array.from({ length: count }, (_, index) => contact({ id: `c${index}`, attributes: { name: `客户${index}` } }))
const options = (limit: number) => ({
  start,
  days: 30,
  seed: 7,
  policies: defaultPolicies({ caps: recallCap(limit) }),
  entrySpreadHours: 0,
  keepMessages: Number.POSITIVE_INFINITY,
})

describe('simulateWorkspace', () => {
  it('shares a recall cap of 2 per 30 days between two journeys, and the skips name the journey that used it', () => {
    const result = simulateWorkspace([winBack, nudge], people(20), options(2))
    expect(result.journeys['win-back']?.messages.total).toBe(40)
    expect(result.journeys.nudge?.messages.total).toBe(0)
    expect(result.total.messages).toBe(40)
    expect(result.perContactWeekly).toEqual({ zero: 0, one: 0, two: 20, threePlus: 0 })
    expect(result.journeys.nudge?.skipped).toEqual([
      {
        code: 'skipped',
        message: { en: 'skipped: recall cap 2 per 30 days reached, used by journey "Win-back"', zh: '跳过:已达频次上限(召回:每 30 天最多 2 条),已被旅程「Win-back」用完' },
        count: 20,
      },
    ])
    expect(result.total.skipped.map((reason) => reason.count)).toEqual([40])
    const top = result.topContacts[0]
    expect(top?.contactId).toBe('c0')
    expect(top?.messages).toBe(2)
    const lines = (top?.timeline ?? []).filter((line) => line.kind === 'sent' || line.kind === 'skipped')
    expect(lines.map((line) => [line.journeyName, line.kind, line.nodeId, line.at])).toEqual([
      ['Win-back', 'sent', 'first', start],
      ['Win-back', 'sent', 'second', at('2026-11-02T11:00:00+08:00')],
      ['Reorder nudge', 'skipped', 'nudge-send', at('2026-11-03T10:00:00+08:00')],
      ['Win-back', 'skipped', 'third', at('2026-11-04T11:00:00+08:00')],
    ])
  })

  it('what-if: a cap of 3 instead of 2 lets the nudge through, +20 messages on this sample', () => {
    const sample = people(20)
    const base = simulateWorkspace([winBack, nudge], sample, options(2))
    const changed = simulateWorkspace([winBack, nudge], sample, options(3))
    const difference = compareWorkspaceRuns(base, changed)
    expect(difference.total.messages).toEqual({ base: 40, changed: 60, difference: 20 })
    expect(difference.total.cost).toEqual({ base: 2, changed: 3, difference: 1 })
    expect(difference.total.skipped).toEqual({ base: 40, changed: 20, difference: -20 })
    expect(difference.perContactWeekly).toEqual({
      zero: { base: 0, changed: 0, difference: 0 },
      one: { base: 0, changed: 0, difference: 0 },
      two: { base: 20, changed: 0, difference: -20 },
      threePlus: { base: 0, changed: 20, difference: 20 },
    })
    expect(difference.journeys.map((journey) => [journey.name, journey.messages.difference, journey.skipped.difference])).toEqual([
      ['Win-back', 0, 0],
      ['Reorder nudge', 20, -20],
    ])
    expect(difference.byDay.map((day) => [day.date, day.messages.base, day.messages.changed])).toEqual([
      ['2026-11-02', 40, 40],
      ['2026-11-03', 0, 20],
    ])
  })

  it('what-if on a seeded sample with spread entries and reactions gives this exact difference on seed 7', () => {
    const sample = Array.from({ length: 120 }, (_, index) => contact({ id: `p${index}`, timeZone: index % 4 === 0 ? 'Europe/London' : 'Asia/Shanghai' }))
    const spread = (limit: number) => ({
      ...options(limit),
      entrySpreadHours: 72,
      behaviours: [{ reactions: [{ event: 'order_placed', probability: 0.2, delayHours: [1, 48] as [number, number] }] }],
    })
    const goal = { goal: { event: 'order_placed' } }
    const journeys = [
      { ...winBack, document: { ...winBack.document, settings: { ...winBack.document.settings, ...goal } } },
      { ...nudge, document: { ...nudge.document, settings: { ...nudge.document.settings, ...goal } } },
    ]
    const difference = compareWorkspaceRuns(simulateWorkspace(journeys, sample, spread(2)), simulateWorkspace(journeys, sample, spread(3)))
    expect(difference.total.messages).toEqual({ base: 239, changed: 345, difference: 106 })
    expect(difference.total.cost).toEqual({ base: 11.95, changed: 17.25, difference: 5.3 })
    expect(difference.total.skipped).toEqual({ base: 176, changed: 61, difference: -115 })
    expect(difference.total.conversions).toEqual({ base: 63, changed: 72, difference: 9 })
    expect(difference.journeys.map((journey) => [journey.id, journey.messages.difference, journey.conversions.difference])).toEqual([
      ['win-back', 35, 7],
      ['nudge', 71, 2],
    ])
  })

  it('keeps the timelines of the most messaged contacts even when they are not among the first kept', () => {
    const sample = [contact({ id: 'quiet', consent: false }), ...people(3)]
    const result = simulateWorkspace([winBack, nudge], sample, { ...options(3), timelineContacts: 1 })
    expect(result.topContacts.map((top) => [top.contactId, top.messages, top.busiestWeek, top.timeZone])).toEqual([
      ['c0', 3, 3, 'Asia/Shanghai'],
      ['c1', 3, 3, 'Asia/Shanghai'],
      ['c2', 3, 3, 'Asia/Shanghai'],
    ])
    expect(result.topContacts[2]?.timeline.filter((line) => line.kind === 'sent').map((line) => line.journeyId)).toEqual(['win-back', 'win-back', 'nudge'])
    expect(result.perContactWeekly).toEqual({ zero: 1, one: 0, two: 0, threePlus: 3 })
  })
})
