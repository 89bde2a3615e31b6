import { defaultPolicies, type SimulationContact } from '@recall/engine'
import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/plugins/errors'
import { MAX_RUNNING, MAX_RUNNING_PER_PERSON } from '../../src/simulation/background-runs'
import { datesSimulated, withEveryDay } from '../../src/simulation/every-day'
import { simulationRuns } from '../../src/simulation/runs'
import type { SampleSource } from '../../src/simulation/sample-schema'

const journey = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
if (!journey) throw new Error('template missing')
const request = {
  count: 2,
  seed: 1,
  zoneMix: 'china' as const,
  vipShare: 0.2,
  clickRate: 0,
  orderRate: 0,
  redeemRate: 0,
  start: Date.parse('2026-12-01T00:00:00+08:00'),
  days: 3,
  source: 'contacts' as const,
}
const pricing = { perPart: 0.05, perMms: 0.15 }
const contact = (id: string): SimulationContact => ({ id, consent: true, suppressed: false, attributes: {}, sends: [], events: [] })

/** A sample that comes when the test says: the run stays running until then. */
function heldSample() {
  let resolve: (contacts: SimulationContact[]) => void = () => {}
  const sample = new Promise<SimulationContact[]>((done) => {
    resolve = done
  })
  return { sample, resolve }
}

/** Starts a run of the win-back draft alone over `sample`, as `owner` does. */
function startRun(runs: ReturnType<typeof simulationRuns>, sample: SampleSource, owner = 'user:ada') {
  const draft = journey as JourneyDocument
  return runs.start(draft.id, draft, undefined, request, defaultPolicies(), pricing, sample, owner)
}

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
    const run = startRun(runs, () => {
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
    const run = startRun(runs, async () => {
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

  it('lets only whoever started a run, or an admin, cancel it', async () => {
    const runs = simulationRuns()
    const { sample, resolve } = heldSample()
    const run = startRun(runs, () => sample)
    const refusal = (() => {
      try {
        runs.cancel(run.id, { person: 'user:bob', admin: false })
      } catch (error) {
        return error as ApiError
      }
    })()
    expect([refusal?.statusCode, refusal?.code, refusal?.localized]).toEqual([
      403,
      'forbidden',
      { en: 'Only whoever started this simulation, or an admin, can cancel it', zh: '只有发起此模拟的人或管理员可以取消它' },
    ])
    expect(runs.cancel(run.id, { person: 'user:cy', admin: true })).toBe(true)
    expect(runs.cancel('no-such-run', { person: 'user:ada', admin: false })).toBe(false)
    resolve([contact('A-1')])
    expect((await settled(runs, run.id))?.status).toBe('cancelled')
  })

  it(`runs at most ${MAX_RUNNING_PER_PERSON} simulations per person and ${MAX_RUNNING} on the server at once (429, both languages), and frees a place when one ends`, async () => {
    const runs = simulationRuns()
    const { sample, resolve } = heldSample()
    const start = (owner: string) => startRun(runs, () => sample, owner)
    const refused = (owner: string) => {
      try {
        start(owner)
      } catch (error) {
        return [(error as ApiError).statusCode, (error as ApiError).code, (error as ApiError).localized]
      }
    }
    const first = start('user:ada')
    start('user:ada')
    expect(refused('user:ada')).toEqual([
      429,
      'simulations_busy',
      { en: 'You already have 2 simulations running; wait for one, or cancel it', zh: '你已有 2 个模拟在运行;请等其中一个结束,或取消它' },
    ])
    start('user:bob')
    expect(refused('user:cy')).toEqual([
      429,
      'simulations_busy',
      { en: '3 simulations are already running on this server; try again when one has finished', zh: '服务器上已有 3 个模拟在运行;请等其中一个结束后再试' },
    ])
    resolve([contact('A-1')])
    expect((await settled(runs, first.id))?.status).toBe('done')
    for (let turn = 0; turn < 5; turn++) await new Promise((next) => setImmediate(next))
    const last = start('user:cy')
    expect(last.status).toBe('running')
    await settled(runs, last.id)
  })
})

describe('a cancelled run', () => {
  it('gives its place back at once, while its sample is still being built, and stays cancelled with only the days it simulated', async () => {
    const runs = simulationRuns()
    const { sample, resolve } = heldSample()
    const first = startRun(runs, () => sample)
    const second = startRun(runs, () => sample)
    expect(() => startRun(runs, () => sample)).toThrow('You already have 2 simulations running; wait for one, or cancel it')
    expect(runs.cancel(first.id, { person: 'user:ada', admin: false })).toBe(true)
    // Cancelled now, not once the sample has come and the threads have stopped.
    expect(runs.get(first.id)).toMatchObject({ status: 'cancelled', progress: 0, stopping: true })
    const third = startRun(runs, () => sample)
    expect(third.status).toBe('running')
    resolve([contact('A-1'), contact('A-2')])
    const stopped = await (async () => {
      for (;;) {
        const run = runs.get(first.id)
        if (!run?.stopping) return run
        await new Promise((next) => setImmediate(next))
      }
    })()
    // The work that went on in the background neither made it "done" nor moved its progress bar.
    expect(stopped).toMatchObject({ status: 'cancelled', progress: 0 })
    expect(stopped?.stopping).toBeUndefined()
    // The simulator looks at the stop at the end of its first day: that one day, not all three of the run.
    expect([stopped?.result?.cancelled, stopped?.result?.simulatedDays, stopped?.result?.messages.byDay]).toEqual([
      true,
      1,
      [{ date: '2026-12-01', messages: 1, parts: 1, cost: 0.05 }],
    ])
    expect((await settled(runs, third.id))?.status).toBe('done')
    expect((await settled(runs, second.id))?.status).toBe('done')
    expect(runs.get(third.id)?.result?.messages.byDay.map((day) => day.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03'])
  })

  it('stays cancelled when its sample fails after the cancel', async () => {
    const runs = simulationRuns()
    let fail: (error: Error) => void = () => {}
    const run = startRun(
      runs,
      () =>
        new Promise<SimulationContact[]>((_resolve, reject) => {
          fail = reject
        }),
    )
    await new Promise((next) => setImmediate(next))
    runs.cancel(run.id, { person: 'user:ada', admin: false })
    fail(new ApiError(400, 'empty_segment', { en: 'Segment "gold" has no contacts to simulate', zh: '分群 "gold" 中没有可模拟的联系人' }))
    for (let turn = 0; turn < 5; turn++) await new Promise((next) => setImmediate(next))
    const after = runs.get(run.id)
    expect([after?.status, after?.error, after?.stopping]).toEqual(['cancelled', undefined, undefined])
  })
})

describe('the dates a run charts', () => {
  const start = Date.parse('2026-12-01T00:00:00+08:00')
  it('are every day of a finished run, and only the simulated days of a cancelled one', () => {
    expect(datesSimulated(start, 4, { cancelled: false, simulatedDays: 4 }, 'Asia/Shanghai')).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'])
    expect(datesSimulated(start, 30, { cancelled: true, simulatedDays: 2 }, 'Asia/Shanghai')).toEqual(['2026-12-01', '2026-12-02'])
    expect(datesSimulated(start, 30, { cancelled: true, simulatedDays: 0 }, 'Asia/Shanghai')).toEqual([])
  })

  it('leave out a day only a thread that had gone further reached, in a cancelled run', () => {
    const day = (date: string, messages: number) => ({ date, messages, parts: messages, cost: messages * 0.05 })
    const byDay = [day('2026-12-01', 40), day('2026-12-05', 7)]
    const dates = datesSimulated(start, 30, { cancelled: true, simulatedDays: 2 }, 'Asia/Shanghai')
    expect(withEveryDay(byDay, dates, true)).toEqual([day('2026-12-01', 40), day('2026-12-02', 0)])
    // A finished run keeps every day that has sends.
    expect(withEveryDay(byDay, ['2026-12-01']).map((kept) => kept.date)).toEqual(['2026-12-01', '2026-12-05'])
  })
})
