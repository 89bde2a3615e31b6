import { defaultPolicies, type SimulationContact } from '@recall/engine'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/plugins/errors'
import { simulationRuns } from '../../src/simulation/runs'

const journey = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
if (!journey) throw new Error('template missing')
const request = { count: 2, seed: 1, zoneMix: 'china' as const, vipShare: 0.2, clickRate: 0, orderRate: 0, redeemRate: 0, start: Date.parse('2026-12-01T00:00:00+08:00'), days: 3 }
const pricing = { perPart: 0.05, perMms: 0.15 }
const contact = (id: string): SimulationContact => ({ id, consent: true, suppressed: false, attributes: {}, sends: [], events: [] })

async function settled(runs: ReturnType<typeof simulationRuns>, id: string) {
  for (;;) {
    const run = runs.get(id)
    if (run?.status !== 'running') return run
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('simulation runs', () => {
  it('answers with a running run before the sample is built, then simulates the sample once it comes', async () => {
    const runs = simulationRuns()
    let calls = 0
    let deliver: (contacts: SimulationContact[]) => void = () => {}
    const blocked = new Promise<SimulationContact[]>((resolve) => {
      deliver = resolve
    })
    const run = runs.start(journey.id, journey, undefined, request, defaultPolicies(), pricing, () => {
      calls += 1
      return blocked
    })
    // The answer is out and the source has not even been asked for its contacts.
    expect(run).toMatchObject({ status: 'running', progress: 0 })
    expect(calls).toBe(0)
    // Turns of the event loop pass; the run waits on its sample and stays running.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve))
    expect(calls).toBe(1)
    expect(runs.get(run.id)?.status).toBe('running')
    deliver([contact('A-1'), contact('A-2'), contact('A-3')])
    const done = await settled(runs, run.id)
    expect(done?.status).toBe('done')
    expect(done?.result?.contacts).toBe(3)
    expect(done?.result?.nodes.trigger?.entered).toBe(3)
  })

  it('fails the run, in both languages, when its sample cannot be built', async () => {
    const runs = simulationRuns()
    const run = runs.start(journey.id, journey, undefined, request, defaultPolicies(), pricing, async () => {
      throw new ApiError(400, 'empty_segment', { en: 'Segment "gold" has no contacts to simulate', zh: '分群 "gold" 中没有可模拟的联系人' })
    })
    expect(run.status).toBe('running')
    const failed = await settled(runs, run.id)
    expect(failed).toMatchObject({
      status: 'failed',
      error: 'Segment "gold" has no contacts to simulate',
      errorMessage: { en: 'Segment "gold" has no contacts to simulate', zh: '分群 "gold" 中没有可模拟的联系人' },
    })
  })
})
