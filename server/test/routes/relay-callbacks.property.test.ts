import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { earlyReceipts, inboundMessages, messages, suppressions, webhookCallbacks } from '../../src/db/schema/index'
import { PUSHED_TIME_SKEW_MS } from '../../src/providers/pushed-times'
import { sentCloudMessage } from '../support/cloud-callbacks'
import { DATABASE_KINDS } from '../support/databases'
import { callbackRowCounts, relayCallback, useRelayApp } from '../support/relay-callbacks'

const NOW = Date.parse('2026-12-03T14:30:00Z')
const RUNS = 80
const PROVIDER_IDS = ['P-0', 'P-1', 'P-2', 'P-3', 'P-4']

/** A time as a relay might send it: mostly ISO 8601 with a zone within an hour either side of arrival, sometimes odd. */
const time = fc.oneof(
  { arbitrary: fc.integer({ min: -60, max: 60 }).map((minutes) => new Date(NOW + minutes * 60_000).toISOString()), weight: 3 },
  { arbitrary: fc.integer({ min: -60, max: 60 }).map((minutes) => new Date(NOW + minutes * 60_000 + 8 * 3_600_000).toISOString().replace('Z', '+08:00')), weight: 3 },
  { arbitrary: fc.constantFrom('9999-12-31T23:59:59Z', '1969-12-31T23:59:59Z', '2026-12-03 22:00:00', 'yesterday', '2026-12-03T14:30:00', null), weight: 1 },
  { arbitrary: fc.oneof(fc.integer(), fc.jsonValue()), weight: 1 },
)
/** A record as a relay sends one, its `at` left out or not; or one whose every field may be anything at all. */
const record = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(
    { arbitrary: fc.tuple(fc.record(fields), fc.option(time, { nil: undefined })).map(([given, at]) => (at === undefined ? given : { ...given, at })), weight: 4 },
    {
      arbitrary: fc.record(Object.fromEntries([...Object.keys(fields), 'at'].map((field) => [field, fc.oneof(fields[field] ?? time, fc.jsonValue())])), { requiredKeys: [] }),
      weight: 1,
    },
  )
const reply = record({
  id: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.nat()),
  phone: fc.constantFrom('+8613712347001', '+8613712347002', '+14155550123', '13712347003', '12'),
  text: fc.oneof(fc.constantFrom('TD', 'START', '退订', '好的', ' '), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 })),
})
const receipt = record({
  providerId: fc.constantFrom(...PROVIDER_IDS, 'P-unknown', 'P-other'),
  status: fc.constantFrom('delivered', 'failed', 'DELIVRD'),
  code: fc.string({ maxLength: 6 }),
})
/** A body: a batch of records and odd items, any JSON at all, or text that is not JSON. */
const body = (records: fc.Arbitrary<Record<string, unknown>>) =>
  fc.oneof(
    {
      arbitrary: fc.array(fc.oneof({ arbitrary: records, weight: 6 }, { arbitrary: fc.jsonValue(), weight: 1 }), { maxLength: 4 }).map((batch) => JSON.stringify(batch)),
      weight: 6,
    },
    { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
  )

describe.each(DATABASE_KINDS)('any body on the relay reply and receipt routes, on %s', (kind) => {
  const app = useRelayApp(kind, NOW)
  beforeAll(async () => {
    await app()
      .database.db.insert(messages)
      .values(PROVIDER_IDS.map((providerId) => sentCloudMessage(providerId, { phone: '+8613712347001', provider: 'sandbox', providerId, at: new Date(NOW - 3_600_000) })))
  })
  /** Each run starts from no callback received, so a failure shrinks to the body that stored the wrong time. */
  async function forgetCallbacks() {
    const { db } = app().database
    for (const table of [inboundMessages, suppressions, webhookCallbacks, earlyReceipts]) await db.delete(table)
    await db.update(messages).set({ status: 'sent', deliveredAt: null, carrierCode: null, error: null })
  }
  /** The earliest and latest of every time a callback stores. */
  const storedTimes = async () => {
    const found = await app().database.db.execute(sql`select min(at) as earliest, max(at) as latest from (
      select received_at as at from inbound_messages union all select opted_out_at from suppressions
      union all select delivered_at from messages union all select at from early_receipts) as times`)
    const [row] = (found as unknown as { rows: { earliest: string | Date | null; latest: string | Date | null }[] }).rows
    return { earliest: row?.earliest ? new Date(row.earliest).getTime() : undefined, latest: row?.latest ? new Date(row.latest).getTime() : undefined }
  }

  it.each([
    ['inbound', reply],
    ['status', receipt],
  ] as const)('/%s never answers 500; a refusal writes nothing; what is stored is timed no later than arrival + 10 minutes', async (path, records) => {
    let stored = 0
    await fc.assert(
      fc.asyncProperty(body(records), async (raw) => {
        await forgetCallbacks()
        const before = await callbackRowCounts(app())
        const answer = await app().inject(relayCallback(path, raw))
        expect([200, 400]).toContain(answer.statusCode)
        if (answer.statusCode === 400) {
          expect(answer.json()).toMatchObject({ error: 'invalid_callback', problems: [{ path: expect.stringMatching(/^\/body/) }] })
          expect(await callbackRowCounts(app())).toEqual(before)
          return
        }
        const { earliest, latest } = await storedTimes()
        if (latest === undefined) return
        stored += 1
        expect(earliest).toBeGreaterThanOrEqual(Date.UTC(1970, 0, 1))
        expect(latest).toBeLessThanOrEqual(NOW + PUSHED_TIME_SKEW_MS)
      }),
      { seed: 20261203, numRuns: RUNS },
    )
    // The run reached the stored records it speaks of, not only refusals.
    expect(stored).toBeGreaterThan(0)
  })
})
