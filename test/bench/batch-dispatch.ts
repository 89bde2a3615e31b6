// Benchmark: messages a second one dispatcher hands to a (local, signature-checking) Aliyun cloud
// answering in 80 ms like the real one across the network, one SendSms call per message vs
// SendBatchSms calls of up to 100, in the same run on PGlite.
// Run: npx -y pnpm@10 bench:batch
import { journeyRunner, openDatabase, schema } from '@recall/server'
import { sql } from 'drizzle-orm'
import { aliyunProvider } from '../../server/src/providers/aliyun'
import type { SmsProvider } from '../../server/src/providers/types'
import { outboxDispatcher } from '../../server/src/worker/dispatcher'
import { startFakeAliyun } from '../../server/test/support/fake-aliyun'
import { linearJourney, numberedContacts, setUpLiveJourneys } from '../support/fixtures'

const CONTACTS = 2_000
const KEYS = { accessKeyId: 'LTAI5tBenchKey', accessKeySecret: 'bench-secret-0123456789' }
const now = Date.parse('2026-11-25T10:00:00+08:00')
const journey = linearJourney('batch', [
  { id: 'sms', type: 'send_sms', data: { text: '您的订单已发货', category: 'transactional', providerTemplate: { code: 'SMS_100001', params: { order: '{{name|订单}}' } } } },
])

async function measure(label: string, provider: SmsProvider, calls: () => number) {
  const database = await openDatabase({})
  const runner = journeyRunner(database.db, { clock: () => now })
  const people = numberedContacts('B', CONTACTS, '138')
  await setUpLiveJourneys(database, [journey], people)
  await runner.enrollByApi(
    'batch',
    people.map((person) => person.id),
  )
  while ((await runner.processDue()) > 0) {}
  const dispatcher = outboxDispatcher(database.db, provider, () => now)
  const before = calls()
  const started = performance.now()
  while ((await dispatcher.dispatch()) > 0) {}
  const seconds = (performance.now() - started) / 1000
  const [sent] = await database.db.select({ count: sql<number>`count(*)::int` }).from(schema.messages).where(sql`${schema.messages.status} = 'sent'`)
  const count = sent?.count ?? 0
  const unsent = await database.db
    .select({ status: schema.messages.status, error: schema.messages.error, count: sql<number>`count(*)::int` })
    .from(schema.messages)
    .where(sql`${schema.messages.status} <> 'sent'`)
    .groupBy(schema.messages.status, schema.messages.error)
  if (unsent.length > 0) console.log('  not sent:', unsent)
  console.log(`${label.padEnd(22)} ${count} messages sent in ${seconds.toFixed(2)} s: ${(count / seconds).toFixed(0)} messages/s, ${calls() - before} calls`)
  await database.close()
}

const fake = await startFakeAliyun({ ...KEYS, templates: ['SMS_100001'], latencyMs: 80 })
const batching = aliyunProvider({ endpoint: fake.endpoint, ...KEYS, signName: '乐享商城', callbackToken: 'unused-token' })
const { sendBatch: _unused, ...oneByOne } = batching
await measure('one call per message', oneByOne, () => fake.calls.length)
await measure('SendBatchSms ≤ 100', batching, () => fake.calls.length)
await fake.close()
