import { defaultPolicies, type SimulationOptions, simulate, simulateWorkspace } from '@recall/engine'
import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { afterAll, describe, expect, it, vi } from 'vitest'
import * as sampleContacts from '../src/demo/sample-contacts'
import { generatedSample, type SampleRequest } from '../src/simulation/generated-sample'
import { simulateInParallel, simulateWorkspaceInWorker } from '../src/simulation/parallel'
import { sampleBehaviours } from '../src/simulation/sample-sources'
import { simulationWorkers } from '../src/simulation/worker-pool'

// Counts the generator's calls in this thread; the worker threads run their own bundled copy.
vi.mock('../src/demo/sample-contacts', async (original) => {
  const actual = await original<typeof sampleContacts>()
  return { ...actual, generateSampleContacts: vi.fn(actual.generateSampleContacts) }
})

const start = Date.parse('2026-11-02T20:00:00+08:00')
const request: SampleRequest = { count: 12_000, seed: 5, zoneMix: 'mixed', vipShare: 0.3, clickRate: 0.2, orderRate: 0.05, redeemRate: 0.05, start }
const options: SimulationOptions = {
  start,
  days: 10,
  seed: 2,
  policies: defaultPolicies(),
  behaviours: sampleBehaviours(request),
  entrySpreadHours: 24,
  keepMessages: 0,
  timelineContacts: 3,
}
const journey = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days') as JourneyDocument
const generatorCalls = () => vi.mocked(sampleContacts.generateSampleContacts).mock.calls.length

afterAll(() => simulationWorkers.close())

describe('generated samples are made by the threads that simulate them', () => {
  it('gives exactly the result of the same contacts made here and simulated in one thread, without making them in this thread', async () => {
    const before = generatorCalls()
    const threaded = await simulateInParallel(journey, { generated: request }, options, { workers: 2 })
    expect(generatorCalls()).toBe(before)
    const here = simulate(journey, generatedSample(request), options)
    expect(threaded.contacts).toBe(12_000)
    expect(threaded.steps).toBe(here.steps)
    expect(threaded.nodes).toEqual(here.nodes)
    expect(threaded.messages).toEqual(here.messages)
    expect(threaded.conversions).toEqual(here.conversions)
    // The sample's first three contacts, as in one thread (each share's first three before).
    expect(Object.keys(threaded.timelines).sort()).toEqual(['demo-000001', 'demo-000002', 'demo-000003'])
    expect(threaded.timelines).toEqual(here.timelines)
    // Each kept timeline comes back with its contact's zone, whichever thread made the contact.
    expect(Object.keys(threaded.timeZones).sort()).toEqual(['demo-000001', 'demo-000002', 'demo-000003'])
    expect(threaded.timeZones).toEqual(here.timeZones)
  })

  it('runs the whole program on a generated sample in one worker thread, with the single-thread result', async () => {
    const journeys = [{ id: journey.id, name: journey.name, document: journey }]
    const before = generatorCalls()
    const threaded = await simulateWorkspaceInWorker(journeys, { generated: request }, options)
    expect(generatorCalls()).toBe(before)
    const here = simulateWorkspace(journeys, generatedSample(request), options)
    expect(threaded.steps).toBe(here.steps)
    expect(threaded.journeys).toEqual(here.journeys)
  })

  it('simulates a throttled journey off this thread too (one worker, one admission order): a cancel sent meanwhile is taken', async () => {
    const throttled = structuredClone(journey)
    const trigger = throttled.nodes.find((node) => node.type === 'trigger')
    if (trigger?.type !== 'trigger') throw new Error('no trigger')
    trigger.data.throttle = { limit: 100, per: 'hour' }
    const controller = new AbortController()
    const running = simulateInParallel(throttled, { generated: request }, { ...options, days: 60 }, { signal: controller.signal })
    // In this thread the timer could only fire after the whole run.
    setTimeout(() => controller.abort(), 0)
    const result = await running
    expect(result.cancelled).toBe(true)
    expect(result.simulatedDays).toBeLessThan(60)
    expect(result.contacts).toBe(12_000)
  })
})
