import { JOURNEY_TEMPLATES } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { type ContactView, compileJourney, defaultPolicies, mergeSimulationResults, simulate, start as startEnrollment } from '../src/index'
import { at, contact, template } from './helpers'

const start = at('2026-11-02T09:00:00+08:00')
const people = (count: number): ContactView[] =>
  Array.from({ length: count }, (_, index) =>
    contact({
      id: `c${index}`,
      timeZone: index % 5 === 0 ? 'Europe/London' : 'Asia/Shanghai',
      attributes: { name: `客户${index}`, tier: index % 3 === 0 ? 'gold' : 'silver' },
      consent: index % 20 !== 19,
    }),
  )
const behaviours = [
  {
    reactions: [
      { event: 'link_clicked', probability: 0.3, delayHours: [0, 24] as [number, number] },
      { event: 'order_placed', probability: 0.1, delayHours: [1, 48] as [number, number] },
    ],
  },
]

describe('simulate', () => {
  const options = { start, days: 30, seed: 42, policies: defaultPolicies(), behaviours, entrySpreadHours: 24 }

  it('counts every node and edge, and every contact ends exited or waiting', () => {
    const result = simulate(template('win-back-90-days'), people(200), options)
    expect(result.contacts).toBe(200)
    expect(result.nodes.trigger?.entered).toBe(200)
    expect(result.edges['e-trigger-out']).toBe(200)
    // 10 of 200 have no consent: they exit at the first send with that reason.
    expect(result.exits.find((reason) => reason.code === 'no_consent')?.count).toBe(10)
    const exited = Object.values(result.nodes).reduce((sum, counts) => sum + counts.exited + counts.converted, 0)
    const waiting = Object.values(result.nodes).reduce((sum, counts) => sum + counts.waiting, 0)
    expect(exited + waiting).toBe(200)
    expect(result.nodes['first-touch']?.sent).toBe(190)
    expect(result.messages.total).toBe(result.messages.sample.length)
    expect(result.messages.byDay.reduce((sum, day) => sum + day.messages, 0)).toBe(result.messages.total)
    expect(result.messages.cost).toBeCloseTo(result.messages.parts * 0.05, 5)
  })

  it('explains holds: contacts entering at night are held for the morning', () => {
    const result = simulate(template('win-back-90-days'), people(100), { ...options, start: at('2026-11-02T22:00:00+08:00'), entrySpreadHours: 0 })
    const night = result.held.find((reason) => reason.message.en === 'held: outside 08:00–21:00 Asia/Shanghai')
    // 80 contacts in Shanghai; the 5 without consent exit instead: 75 held for the night.
    expect(night?.count).toBe(75)
    expect(night?.message.zh).toBe('暂缓:不在 08:00–21:00(Asia/Shanghai)发送时段内')
    const timeline = result.timelines.c1 ?? []
    expect(timeline.map((entry) => entry.kind).slice(0, 4)).toEqual(['entered', 'entered', 'held', 'woke'])
    expect(timeline.find((entry) => entry.kind === 'sent')?.at).toBe(at('2026-11-03T08:00:00+08:00'))
  })

  it('reports conversions per A/B variant', () => {
    const result = simulate(template('ab-offer-test'), people(400), options)
    const variants = result.conversions.byVariant
    expect(variants.map((variant) => variant.variantId)).toEqual(['A', 'B', 'control'])
    expect(variants.reduce((sum, variant) => sum + variant.contacts, 0)).toBe(400)
    expect(result.nodes.control?.exited).toBe(variants.find((variant) => variant.variantId === 'control')?.contacts)
  })

  it('gives the same result for the same seed and a different one for another seed', () => {
    const journey = template('win-back-90-days')
    const first = simulate(journey, people(150), options)
    expect(simulate(journey, people(150), options)).toEqual(first)
    expect(simulate(journey, people(150), { ...options, seed: 43 })).not.toEqual(first)
  })

  it('names the zone of every kept timeline: its contact’s own, else the workspace’s, also once merged', () => {
    const journey = template('win-back-90-days')
    const sample = [contact({ id: 'ny', timeZone: 'America/New_York' }), contact({ id: 'none', timeZone: undefined }), contact({ id: 'ldn', timeZone: 'Europe/London' })]
    const zoned = { ...options, policies: { ...defaultPolicies(), defaultTimeZone: 'Asia/Shanghai' }, timelineContacts: 2 }
    const result = simulate(journey, sample, zoned)
    // Only the kept timelines get a zone: the third contact's timeline was not kept.
    expect(result.timeZones).toEqual({ ny: 'America/New_York', none: 'Asia/Shanghai' })
    const merged = mergeSimulationResults([simulate(journey, sample.slice(0, 1), zoned), simulate(journey, sample.slice(1), { ...zoned, timelineContacts: 1 })])
    expect(merged.timeZones).toEqual(result.timeZones)
  })

  it('gives the same totals when contacts are simulated in two groups and merged', () => {
    const journey = template('win-back-90-days')
    const everyone = people(300)
    const whole = simulate(journey, everyone, options)
    const merged = mergeSimulationResults([simulate(journey, everyone.slice(0, 120), options), simulate(journey, everyone.slice(120), options)])
    expect(merged.nodes).toEqual(whole.nodes)
    expect(merged.edges).toEqual(whole.edges)
    expect(merged.messages.total).toBe(whole.messages.total)
    expect(merged.messages.byDay).toEqual(whole.messages.byDay)
    expect(merged.conversions).toEqual(whole.conversions)
    expect(merged.steps).toBe(whole.steps)
  })

  it('gives the same counts and reasons whichever timelines it keeps, though it writes no text for the lines nobody reads', () => {
    for (const journey of JOURNEY_TEMPLATES) {
      const all = simulate(journey, people(200), { ...options, timelineContacts: 200 })
      const few = simulate(journey, people(200), { ...options, timelineContacts: 0, timelineContactIds: ['c7'] })
      expect({ ...few, timelines: {}, timeZones: {} }).toEqual({ ...all, timelines: {}, timeZones: {} })
      expect(few.timelines).toEqual({ c7: all.timelines.c7 })
    }
    // A brief step keeps every line, kind and detail; the lines only a timeline shows have no text.
    const journey = compileJourney(template('win-back-90-days'))
    const stepOptions = { contact: contact({ id: 'b1' }), policies: defaultPolicies(), now: start, enrollmentId: 'e1', triggerNodeId: 'trigger', version: 'v1' }
    const told = startEnrollment(journey, stepOptions)
    const brief = startEnrollment(journey, { ...stepOptions, brief: true })
    expect(brief.log.map(({ message: _message, ...line }) => line)).toEqual(told.log.map(({ message: _message, ...line }) => line))
    expect(brief.log.find((line) => line.kind === 'sent')?.message).toEqual({ en: '', zh: '' })
    expect(brief.state).toEqual(told.state)
    expect(brief.effects).toEqual(told.effects)
  })

  it('reports progress per simulated day and can be cancelled', () => {
    const days: number[] = []
    const result = simulate(template('win-back-90-days'), people(50), {
      ...options,
      onProgress: (progress) => days.push(progress.simulatedDays),
      shouldStop: () => days.length >= 3,
    })
    expect(result.cancelled).toBe(true)
    expect(days.slice(0, 3)).toEqual([1, 2, 3])
  })

  it('enters contacts through a birthday trigger on their own date', () => {
    const result = simulate(
      template('birthday'),
      [contact({ id: 'b1', attributes: { birthday: '1990-11-10', tier: 'silver' } }), contact({ id: 'b2', attributes: { birthday: '1990-03-10' } })],
      { ...options, behaviours: [] },
    )
    expect(result.nodes.trigger?.entered).toBe(1)
    expect(result.timelines.b1?.[0]?.at).toBe(at('2026-11-07T10:00:00+08:00'))
  })
})
