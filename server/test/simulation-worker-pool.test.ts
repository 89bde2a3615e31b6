import { defaultPolicies, type SimulationOptions, type SimulationResult, simulate } from '@recall/engine'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_BEHAVIOURS } from '../src/cli/demo'
import { generateSampleContacts } from '../src/demo/sample-contacts'
import { simulateInParallel } from '../src/simulation/parallel'
import { SimulationWorkerPool, simulationWorkers } from '../src/simulation/worker-pool'

const start = Date.parse('2026-11-02T20:00:00+08:00')
const contacts = generateSampleContacts({ count: 10_000, seed: 9, now: start })
const journey = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
if (!journey) throw new Error('template missing')
const options: SimulationOptions = { start, days: 7, seed: 3, policies: defaultPolicies(), behaviours: DEMO_BEHAVIOURS, entrySpreadHours: 12, keepMessages: 0, timelineContacts: 0 }
const share = (count: number) => ({ job: { kind: 'journey', document: journey }, contacts: contacts.slice(0, count), options })
const noProgress = () => {}
const notStopped = () => new Int32Array(new SharedArrayBuffer(4))

afterAll(() => simulationWorkers.close())

describe('the simulation worker pool', () => {
  it('runs a second simulation on the threads the first one started, with the same result as one thread', async () => {
    const before = simulationWorkers.threadsStarted
    const first = await simulateInParallel(journey, contacts, options, { workers: 2 })
    expect(simulationWorkers.threadsStarted - before).toBe(2)
    expect(simulationWorkers.idleWorkers).toBe(2)
    const second = await simulateInParallel(journey, contacts, options, { workers: 2 })
    expect(simulationWorkers.threadsStarted - before).toBe(2)
    const single = simulate(journey, contacts, options)
    for (const result of [first, second]) {
      expect(result.steps).toBe(single.steps)
      expect(result.nodes).toEqual(single.nodes)
      expect(result.messages).toEqual(single.messages)
    }
  })

  it('keeps a cancelled run’s thread, which then runs the next simulation whole', async () => {
    const controller = new AbortController()
    const running = simulateInParallel(journey, contacts, { ...options, days: 60 }, { workers: 2, signal: controller.signal })
    setTimeout(() => controller.abort(), 0)
    const cancelled = await running
    expect(cancelled.cancelled).toBe(true)
    const before = simulationWorkers.threadsStarted
    const whole = await simulateInParallel(journey, contacts, options, { workers: 2 })
    expect(whole.cancelled).toBe(false)
    expect(whole.steps).toBe(simulate(journey, contacts, options).steps)
    expect(simulationWorkers.threadsStarted).toBe(before)
  })

  it('rejects a run whose thread fails and starts a new thread for the next', async () => {
    const pool = new SimulationWorkerPool(1, 60_000)
    const broken = { job: { kind: 'journey', document: null }, contacts: contacts.slice(0, 10), options }
    await expect(pool.run({ input: broken, stop: notStopped(), onProgress: noProgress })).rejects.toThrow(TypeError)
    expect(pool.idleWorkers).toBe(0)
    const result = await pool.run<SimulationResult>({ input: share(100), stop: notStopped(), onProgress: noProgress })
    expect(result.contacts).toBe(100)
    expect(pool.threadsStarted).toBe(2)
    await pool.close()
  })

  it('rejects input that cannot be copied to a thread and keeps that thread for the next run', async () => {
    const pool = new SimulationWorkerPool(1, 60_000)
    const uncopyable = { ...share(10), options: { ...options, onProgress: () => {} } }
    await expect(pool.run({ input: uncopyable, stop: notStopped(), onProgress: noProgress })).rejects.toThrow(/could not be cloned/)
    expect(pool.idleWorkers).toBe(1)
    const result = await pool.run<SimulationResult>({ input: share(100), stop: notStopped(), onProgress: noProgress })
    expect([result.contacts, pool.threadsStarted]).toEqual([100, 1])
    await pool.close()
  })

  it('gives a thread a run’s contacts in parts after the input, appended in order to the input’s own', async () => {
    const pool = new SimulationWorkerPool(1, 60_000)
    const parts = [contacts.slice(100, 150), contacts.slice(150, 300), contacts.slice(300, 301)]
    const result = await pool.run<SimulationResult>({ input: share(100), parts, stop: notStopped(), onProgress: noProgress })
    const here = simulate(journey, contacts.slice(0, 301), options)
    expect(result.contacts).toBe(301)
    expect(result.steps).toBe(here.steps)
    expect(result.messages).toEqual(here.messages)
    expect(pool.idleWorkers).toBe(1)
    await pool.close()
  })

  it('rejects a run one of whose parts cannot be copied and ends that thread, which holds a run it cannot finish', async () => {
    const pool = new SimulationWorkerPool(1, 60_000)
    const parts = [contacts.slice(0, 10), [{ ...contacts[10], attributes: { pick: () => 1 } }]]
    await expect(pool.run({ input: share(0), parts, stop: notStopped(), onProgress: noProgress })).rejects.toThrow(/could not be cloned/)
    expect(pool.idleWorkers).toBe(0)
    const result = await pool.run<SimulationResult>({ input: share(0), parts: [contacts.slice(0, 100)], stop: notStopped(), onProgress: noProgress })
    expect([result.contacts, pool.threadsStarted]).toEqual([100, 2])
    await pool.close()
  })

  it('runs overlapping simulations on extra threads and keeps only as many as it was asked to', async () => {
    const pool = new SimulationWorkerPool(1, 60_000)
    const results = await Promise.all([0, 1, 2].map(() => pool.run<SimulationResult>({ input: share(200), stop: notStopped(), onProgress: noProgress })))
    expect(results.map((result) => result.contacts)).toEqual([200, 200, 200])
    expect(pool.threadsStarted).toBe(3)
    expect(pool.idleWorkers).toBe(1)
    await pool.run({ input: share(200), stop: notStopped(), onProgress: noProgress })
    expect(pool.threadsStarted).toBe(3)
    await pool.close()
    expect(pool.idleWorkers).toBe(0)
  })

  it('ends a thread left idle longer than the idle time (wall clock)', async () => {
    const pool = new SimulationWorkerPool(2, 100)
    await pool.run({ input: share(100), stop: notStopped(), onProgress: noProgress })
    expect(pool.idleWorkers).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(pool.idleWorkers).toBe(0)
    await pool.run({ input: share(100), stop: notStopped(), onProgress: noProgress })
    expect(pool.threadsStarted).toBe(2)
    await pool.close()
  })
})
