import { defaultPolicies, simulate } from '@recall/engine'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { DEMO_BEHAVIOURS } from '../src/cli/demo'
import { generateSampleContacts } from '../src/demo/sample-contacts'
import { simulateInParallel } from '../src/simulation/parallel'

describe('simulateInParallel', () => {
  it('splits contacts across two worker threads and gives exactly the single-thread result', async () => {
    const start = Date.parse('2026-11-02T20:00:00+08:00')
    const contacts = generateSampleContacts({ count: 10_000, seed: 9, now: start })
    const journey = JOURNEY_TEMPLATES.find((template) => template.id === 'ab-offer-test')
    if (!journey) throw new Error('template missing')
    const options = { start, days: 14, seed: 3, policies: defaultPolicies(), behaviours: DEMO_BEHAVIOURS, entrySpreadHours: 12, keepMessages: 0, timelineContacts: 0 }
    const progress: number[] = []
    const parallel = await simulateInParallel(journey, contacts, { ...options, onProgress: (update) => progress.push(update.simulatedDays) }, { workers: 2 })
    const single = simulate(journey, contacts, options)
    expect(single.steps).toBeGreaterThan(10_000)
    expect(parallel.steps).toBe(single.steps)
    expect(parallel.messages.total).toBe(single.messages.total)
    expect(parallel.nodes).toEqual(single.nodes)
    expect(parallel.edges).toEqual(single.edges)
    expect(parallel.messages).toEqual(single.messages)
    expect(parallel.conversions).toEqual(single.conversions)
    expect(parallel.held).toEqual(single.held)
    expect(progress.at(-1)).toBe(14)
  })

  it('stops when aborted and says the result is cancelled', async () => {
    const start = Date.parse('2026-11-02T20:00:00+08:00')
    const contacts = generateSampleContacts({ count: 10_000, seed: 9, now: start })
    const journey = JOURNEY_TEMPLATES[0]
    if (!journey) throw new Error('template missing')
    const controller = new AbortController()
    controller.abort()
    const result = await simulateInParallel(journey, contacts, { start, days: 30, seed: 1, policies: defaultPolicies() }, { workers: 2, signal: controller.signal })
    expect(result.cancelled).toBe(true)
  })

  it('runs 5,000 contacts off the calling thread, so a cancel sent meanwhile takes and keeps partial results', async () => {
    const start = Date.parse('2026-11-02T20:00:00+08:00')
    const contacts = generateSampleContacts({ count: 5_000, seed: 4, now: start })
    const journey = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
    if (!journey) throw new Error('template missing')
    const controller = new AbortController()
    const running = simulateInParallel(
      journey,
      contacts,
      { start, days: 60, seed: 1, policies: defaultPolicies(), behaviours: DEMO_BEHAVIOURS, entrySpreadHours: 24 },
      { signal: controller.signal },
    )
    // In the calling thread this timer could only fire after the whole run.
    setTimeout(() => controller.abort(), 0)
    const result = await running
    expect(result.cancelled).toBe(true)
    expect(result.simulatedDays).toBeLessThan(60)
    expect(result.contacts).toBe(5_000)
  })
})
