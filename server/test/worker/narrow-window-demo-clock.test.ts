import { defaultPolicies } from '@recall/engine'
import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { contacts, messages } from '../../src/db/schema/index'
import type { SmsProvider } from '../../src/providers/types'
import { settingsRepository } from '../../src/repositories/settings'
import { type OutboxDispatcher, outboxDispatcher } from '../../src/worker/dispatcher'
import { startWorkerLoop } from '../../src/worker/loop'
import type { JourneyRunner } from '../../src/worker/runner'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'
import { queuedMessage } from '../support/network'

/** National Day: promotional messages only 10:00–10:30 Beijing time. */
const HOLIDAY = { date: '2026-10-01', start: '10:00', end: '10:30' }
const beijing = (time: string, date = '2026-10-01') => Date.parse(`${date}T${time}+08:00`)
/** The demo's speed: a simulated hour each real second, so the holiday's half hour is half a real second. */
const DEMO_SPEED = 3_600

const sandbox = (sent: number[]): SmsProvider => ({
  name: 'sandbox',
  resend: 'idempotent',
  async send(_message, now) {
    sent.push(now)
    return { providerId: `p-${sent.length}`, status: 'sent' }
  },
})

/** A marketing SMS held in the outbox until the holiday window opens, as the re-check at sending leaves it. */
const heldForHoliday = (key: string) => ({
  ...queuedMessage(key, beijing('09:40')),
  category: 'marketing' as const,
  sendWindow: { timeZone: 'Asia/Shanghai', weekly: toWeeklyIntervals(LEGAL_WINDOW) },
  nextAttemptAt: new Date(beijing('10:00')),
})

describe('the worker loop on the demo clock wakes for a message held until a narrow window opens', () => {
  const WALL_START = Date.UTC(2026, 0, 1)
  // 09:45 Beijing when the loop starts; the message is due at 10:00, a quarter of a real second later.
  const demoClock = () => beijing('09:45') + (Date.now() - WALL_START) * DEMO_SPEED
  beforeEach(() => {
    vi.useFakeTimers({ now: WALL_START })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('dispatches at 10:00, not an idle real second (a simulated hour) later at 10:45, past the window', async () => {
    const dispatchedAt: number[] = []
    const runner = { nextWakeAt: async () => undefined, processDue: async () => 0, enterScheduled: async () => 0 } as unknown as JourneyRunner
    const dispatcher = {
      dispatch: async () => {
        dispatchedAt.push(demoClock())
        return 0
      },
      // Due at 10:00 until it has been dispatched then.
      nextDueAt: async () => (dispatchedAt.some((at) => at >= beijing('10:00')) ? undefined : beijing('10:00')),
    } as unknown as OutboxDispatcher
    const loop = startWorkerLoop(runner, dispatcher, { clock: demoClock, realPerSimulated: 1 / DEMO_SPEED, maxIdleMs: 1000 })
    await vi.advanceTimersByTimeAsync(260)
    const stopped = loop.stop()
    await vi.runAllTimersAsync()
    await stopped
    expect(dispatchedAt.slice(0, 2).map((at) => new Date(at).toISOString())).toEqual(['2026-10-01T01:45:00.000Z', '2026-10-01T02:00:00.000Z'])
  })
})

describe.each(DATABASE_KINDS)('a message held for a holiday window of half an hour, on %s', (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    await db.insert(contacts).values({ id: 'c', externalId: 'C-1', phone: '+8613812345678', timeZone: 'Asia/Shanghai', consent: true })
    await settingsRepository(db).savePolicies({ ...defaultPolicies({ caps: [] }), holidays: [HOLIDAY] })
  })
  const row = async (key: string) => {
    const [found] = await handle()
      .db.select({ status: messages.status, nextAttemptAt: messages.nextAttemptAt, sentAt: messages.sentAt })
      .from(messages)
      .where(eq(messages.idempotencyKey, key))
    return found
  }

  it('tells the loop it is due at 10:00 exactly, and goes at 10:00', async () => {
    await handle().db.insert(messages).values(heldForHoliday('due-at-ten'))
    const sent: number[] = []
    let clock = beijing('09:59:59')
    const dispatcher = outboxDispatcher(handle().db, sandbox(sent), () => clock)
    expect(await dispatcher.nextDueAt()).toBe(beijing('10:00'))
    expect(await dispatcher.dispatch()).toBe(0)
    clock = beijing('10:00')
    expect(await dispatcher.dispatch()).toBe(1)
    expect(sent).toEqual([beijing('10:00')])
    expect(await row('due-at-ten')).toEqual({ status: 'sent', nextAttemptAt: null, sentAt: new Date(beijing('10:00')) })
    expect(await dispatcher.nextDueAt()).toBeUndefined()
  })
})

describe('a dispatch that waits for PGlite’s one connection past the holiday window', () => {
  const handle = useTestDatabase('pglite', async ({ db }) => {
    await db.insert(contacts).values({ id: 'c', externalId: 'C-1', phone: '+8613812345678', timeZone: 'Asia/Shanghai', consent: true })
    await settingsRepository(db).savePolicies({ ...defaultPolicies({ caps: [] }), holidays: [HOLIDAY] })
  })

  it('judges the window when it gets the connection (10:40), holding the message for the next opening instead of sending it on a 10:20 reading', async () => {
    const { db } = handle()
    await db.insert(messages).values(heldForHoliday('late-claim'))
    const sent: number[] = []
    let clock = beijing('10:20')
    const dispatcher = outboxDispatcher(db, sandbox(sent), () => clock)
    // A request (an import's chunk, say) holds the connection while the dispatch starts.
    let release = () => {}
    const busy = db.transaction(() => new Promise<void>((resolve) => (release = resolve)))
    const dispatching = dispatcher.dispatch()
    await new Promise((resolve) => setTimeout(resolve, 20))
    clock = beijing('10:40')
    release()
    await busy
    await dispatching
    expect(sent).toEqual([])
    const [held] = await db.select({ status: messages.status, nextAttemptAt: messages.nextAttemptAt, sentAt: messages.sentAt }).from(messages)
    // The day after the holiday has the usual 08:00–21:00.
    expect(held).toEqual({ status: 'queued', nextAttemptAt: new Date(beijing('08:00', '2026-10-02')), sentAt: null })
  })
})
