import { DrizzleQueryError } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { failureLogLine, isDatabaseTrouble, isolateFailures, MAX_FAILURES, retryAt } from '../../src/worker/isolation'

/** A driver's error as PostgreSQL answers it: its SQLSTATE in `code`, wrapped by drizzle with the query and its values. */
const fromDatabase = (code: string, message: string, fields: Record<string, string> = {}) =>
  new DrizzleQueryError('insert into "messages" …', ['+8613812345678', 'C-SECRET'], Object.assign(new Error(message), { code, ...fields }))

describe('telling the database’s trouble from a row’s', () => {
  it('leaves a lost connection, a deadlock, a full disk, a shutdown or a lock timeout to the next batch', () => {
    for (const code of ['08006', '40P01', '40001', '53100', '57P01', '57014', '58030', 'XX000', '55P03'])
      expect([code, isDatabaseTrouble(fromDatabase(code, 'trouble'))]).toEqual([code, true])
    for (const message of ['Connection terminated unexpectedly', 'Client has encountered a connection error and is not queryable', 'PGlite is closed'])
      expect(isDatabaseTrouble(new Error(message))).toBe(true)
    expect(isDatabaseTrouble(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true)
  })

  it('charges a refused row, a bad value and a throwing engine to the items', () => {
    for (const code of ['23505', '22P02', '22021', '42703', 'P0001']) expect([code, isDatabaseTrouble(fromDatabase(code, 'refused'))]).toEqual([code, false])
    expect(isDatabaseTrouble(new RangeError('Invalid time zone specified: Mars/Olympus'))).toBe(false)
    expect(isDatabaseTrouble(new TypeError("Cannot read properties of undefined (reading 'at')"))).toBe(false)
  })
})

describe('finding the items that fail alone', () => {
  it('tries halves down to single items, once each item is known to go through, and hands over each failing one with its own error', async () => {
    const items = Array.from({ length: 10 }, (_, index) => index + 1)
    const poisoned = new Set([3, 8])
    const tried: number[][] = []
    const committed: number[] = []
    const failed: [number, unknown][] = []
    await isolateFailures(
      items,
      new Error('the whole batch'),
      async (part) => {
        tried.push([...part])
        const bad = part.find((item) => poisoned.has(item))
        if (bad !== undefined) throw new Error(`item ${bad}`)
        committed.push(...part)
      },
      async (item, error) => void failed.push([item, (error as Error).message]),
    )
    expect(tried).toEqual([[1, 2, 3, 4, 5], [1, 2, 3], [1, 2], [3], [4, 5], [6, 7, 8, 9, 10], [6, 7, 8], [6, 7], [8], [9, 10]])
    expect(committed.sort((a, b) => a - b)).toEqual([1, 2, 4, 5, 6, 7, 9, 10])
    expect(failed).toEqual([
      [3, 'item 3'],
      [8, 'item 8'],
    ])
  })

  it('stops at the database’s trouble, leaving the rest for the next batch', async () => {
    const lost = fromDatabase('08006', 'connection lost')
    const tried: number[][] = []
    const failing = isolateFailures(
      [1, 2, 3, 4],
      new Error('the whole batch'),
      async (part) => {
        tried.push([...part])
        throw lost
      },
      async () => {},
    )
    await expect(failing).rejects.toBe(lost)
    expect(tried).toEqual([[1, 2]])
    await expect(
      isolateFailures(
        [1, 2],
        lost,
        async () => {},
        async () => {},
      ),
    ).rejects.toBe(lost)
  })
})

describe('the waits of a failing item', () => {
  const now = Date.parse('2026-11-24T03:00:00Z')
  it('are 1, 5, 30 minutes and 2 hours of real time, then none: the fifth failure stops it', () => {
    expect([1, 2, 3, 4, 5].map((failures) => retryAt(failures, now, 1))).toEqual([now + 60_000, now + 300_000, now + 1_800_000, now + 7_200_000, undefined])
    expect(MAX_FAILURES).toBe(5)
  })

  it('are real time on the demo clock too: a real minute is sixty simulated hours at an hour a second', () => {
    expect(retryAt(1, now, 1 / 3600)).toBe(now + 60 * 3_600_000)
  })
})

describe('the log line of a failing item', () => {
  it('names the item, the kind of error, its database code and names and where it was thrown, never the message or the values', () => {
    const error = fromDatabase('23505', 'duplicate key value violates unique constraint "messages_key" Key (contact_id)=(C-SECRET)', {
      constraint: 'messages_key',
      table: 'messages',
      detail: 'Key (contact_id)=(C-SECRET) already exists.',
    })
    const line = failureLogLine({
      kind: 'step',
      ids: { enrollmentId: 'e-1', nodeId: 'cart-reminder' },
      failures: 2,
      outcome: 'retried',
      retryAt: '2026-11-24T03:05:00.000Z',
      error,
    })
    expect({ ...line, cause: { ...(line.cause as object), at: undefined } }).toEqual({
      enrollmentId: 'e-1',
      nodeId: 'cart-reminder',
      kind: 'step',
      failures: 2,
      outcome: 'retried',
      retryAt: '2026-11-24T03:05:00.000Z',
      cause: { type: 'Error', code: '23505', table: 'messages', constraint: 'messages_key', at: undefined },
    })
    expect((line.cause as { at: string }).at).toMatch(/isolation\.test\.ts/)
    const text = JSON.stringify(line)
    for (const secret of ['C-SECRET', '+8613812345678', 'duplicate key', 'Failed query']) expect(text).not.toContain(secret)
    const engine = failureLogLine({ kind: 'step', ids: {}, failures: 1, outcome: 'retried', error: new RangeError('Invalid time zone specified: Mars/Olympus') })
    expect(engine.cause).toMatchObject({ type: 'RangeError' })
    expect(JSON.stringify(engine)).not.toContain('Mars/Olympus')
  })
})
