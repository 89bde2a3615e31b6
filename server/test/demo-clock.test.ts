import { afterEach, describe, expect, it, vi } from 'vitest'
import { demoClock } from '../src/demo/workspace'
import { DATABASE_KINDS, useTestDatabase } from './support/databases'

const HOUR = 3_600_000

describe.each(DATABASE_KINDS)('the demo clock on %s', (kind) => {
  const database = useTestDatabase(kind)
  afterEach(() => vi.useRealTimers())

  it('starts at 09:00 Beijing time, runs an hour a second, and resumes where it was after a night off', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const firstStart = Date.parse('2026-12-01T22:30:00Z') // 06:30 on 2 December in Beijing
    vi.setSystemTime(firstStart)
    const first = await demoClock(database().db)
    expect(new Date(first.now()).toISOString()).toBe('2026-12-02T01:00:00.000Z')
    vi.setSystemTime(firstStart + 10_000)
    expect(first.now()).toBe(Date.parse('2026-12-02T01:00:00Z') + 10 * HOUR)
    await first.remember()

    // Stopped for a night: the restart carries on from ten simulated hours, not 8 × 3,600 hours later.
    const nextMorning = firstStart + 8 * HOUR
    vi.setSystemTime(nextMorning)
    const second = await demoClock(database().db)
    expect(second.now()).toBe(Date.parse('2026-12-02T11:00:00Z'))
    vi.setSystemTime(nextMorning + 3_000)
    expect(second.now()).toBe(Date.parse('2026-12-02T14:00:00Z'))

    // A crash before it stored its time again goes back to the last time it did.
    const third = await demoClock(database().db)
    expect(third.now()).toBe(Date.parse('2026-12-02T11:00:00Z'))
  })
})
