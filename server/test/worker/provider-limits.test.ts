import { defaultPolicies } from '@recall/engine'
import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, messages, settings } from '../../src/db/schema/index'
import type { StoredProviderSettings } from '../../src/providers/settings'
import type { SmsProvider } from '../../src/providers/types'
import { readTimeline } from '../../src/repositories/timeline'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import type { RateLimit } from '../../src/worker/rate-limit'
import { CountingBuckets } from '../support/counting-buckets'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

const evening = Date.parse('2026-11-25T20:30:00+08:00')
const morning = Date.parse('2026-11-25T10:00:00+08:00')
/** Recall goes through Aliyun: its marketing hours and daily limit (set to 2 here) bind recall messages. */
const PROVIDERS: StoredProviderSettings = {
  routes: { marketing: 'sandbox', recall: 'aliyun', transactional: 'sandbox' },
  aliyun: { endpoint: 'http://127.0.0.1:1', accessKeyId: 'LTAI5tAliyunTestKey', signName: '乐享商城', dailyTemplateLimit: 2 },
  sealed: {},
}
const queued = (key: string, contactId: string, overrides: Partial<typeof messages.$inferInsert> = {}) => ({
  idempotencyKey: key,
  enrollmentId: `e-${contactId}`,
  journeyId: 'j',
  contactId,
  nodeId: 'sms',
  channel: 'sms' as const,
  category: 'recall' as const,
  phone: `+86138${contactId.padStart(8, '0')}`,
  text: '【乐享商城】张女士,好久不见 回T退订',
  template: { code: 'SMS_100001', params: { name: '张女士' } },
  parts: 1,
  createdAt: new Date(morning - 3_600_000),
  ...overrides,
})

/** A batch cloud in memory: one request per distinct set of values, as Tencent makes them. */
function batchCloud(rateLimit: RateLimit, sent: string[][]): SmsProvider {
  return {
    name: 'batch-cloud',
    resend: 'none',
    batchLimit: 100,
    rateLimit,
    send: async (message) => ({ providerId: message.idempotencyKey }),
    async sendBatch(batch, _now, beforeRequest) {
      for (const _values of new Set(batch.map((message) => JSON.stringify(message.template?.params)))) await beforeRequest?.()
      sent.push(batch.map((message) => message.idempotencyKey))
      return batch.map((message) => ({ providerId: message.idempotencyKey }))
    },
  }
}

describe.each(DATABASE_KINDS)("a provider's limits at the moment of sending, on %s", (kind) => {
  const handle = useTestDatabase(kind, async ({ db }) => {
    // Without the workspace's caps, so that the cloud's limit is the one that binds.
    await db.insert(settings).values([
      { key: 'providers', value: PROVIDERS },
      { key: 'send_policies', value: defaultPolicies({ caps: [] }) },
    ])
    const ids = ['1', '2', ...Array.from({ length: 150 }, (_, index) => String(100 + index))]
    await db.insert(contacts).values(ids.map((id) => ({ id, externalId: `C-${id}`, phone: `+86138${id.padStart(8, '0')}`, timeZone: 'Asia/Shanghai', consent: true })))
  })
  const rows = (contactId: string) =>
    handle()
      .db.select({ key: messages.idempotencyKey, status: messages.status, error: messages.error, nextAttemptAt: messages.nextAttemptAt })
      .from(messages)
      .where(eq(messages.contactId, contactId))
      .orderBy(asc(messages.id))
  const timeline = (contactId: string) => readTimeline(handle().db, [`e-${contactId}`]).then((lines) => lines.map(({ kind, message, detail }) => ({ kind, message, detail })))

  it('holds a recall message queued before 20:00 until Aliyun opens at 08:00, naming the cloud on the timeline', async () => {
    await handle().db.insert(messages).values(queued('late', '1'))
    const sent: string[][] = []
    const dispatcher = outboxDispatcher(handle().db, batchCloud({ key: 'aliyun:LTAI5tAliyunTestKey', requestsPerSecond: 5000 }, sent), () => evening)
    expect(await dispatcher.dispatch()).toBe(1)
    expect(sent).toEqual([])
    expect(await rows('1')).toEqual([{ key: 'late', status: 'queued', error: null, nextAttemptAt: new Date('2026-11-26T08:00:00+08:00') }])
    expect(await timeline('1')).toEqual([
      {
        kind: 'held',
        message: {
          en: 'held: outside Aliyun marketing hours 08:00–20:00 (Beijing), resumes 2026-11-26 08:00 Asia/Shanghai',
          zh: '暂缓:不在阿里云营销短信发送时段 08:00–20:00(北京时间)内,将于 11月26日 08:00(Asia/Shanghai)发送',
        },
        detail: 'window',
      },
    ])
  })

  it('cancels the third message with one template to one number in a Beijing day, counted from what went out', async () => {
    const sentAt = new Date(morning - 1_800_000)
    await handle()
      .db.insert(messages)
      .values([
        queued('first', '2', { status: 'delivered', sentAt }),
        queued('second', '2', { status: 'sent', sentAt }),
        queued('third', '2'),
        // Another template is another count.
        queued('other', '2', { template: { code: 'SMS_100002', params: {} } }),
      ])
    const sent: string[][] = []
    const dispatcher = outboxDispatcher(handle().db, batchCloud({ key: 'aliyun:LTAI5tAliyunTestKey', requestsPerSecond: 5000 }, sent), () => morning)
    expect(await dispatcher.dispatch()).toBe(2)
    expect(sent).toEqual([['other']])
    expect((await rows('2')).map((row) => [row.key, row.status, row.error])).toEqual([
      ['first', 'delivered', null],
      ['second', 'sent', null],
      ['third', 'cancelled', 'provider_daily_limit'],
      ['other', 'sent', null],
    ])
    expect(await timeline('2')).toEqual([
      {
        kind: 'cancelled',
        message: {
          en: 'cancelled: Aliyun limit of 2 messages per number and template a day reached by messages already sent',
          zh: '已取消:已达阿里云每个号码每个模板每日 2 条的上限,已由先发出的消息用完',
        },
        detail: 'provider_daily_limit',
      },
    ])
  })

  it('takes one token per cloud request: 150 messages in two batch calls, the second with two sets of values', async () => {
    const many = Array.from({ length: 150 }, (_, index) =>
      queued(`many-${index}`, String(100 + index), {
        category: 'transactional',
        template: { code: 'SMS_200001', params: { order: index < 140 ? 'A' : `B${index % 2}` } },
      }),
    )
    await handle().db.insert(messages).values(many)
    const sent: string[][] = []
    const buckets = new CountingBuckets()
    const dispatcher = outboxDispatcher(handle().db, batchCloud({ key: 'tencent:AKIDTencentTestKey', requestsPerSecond: 3000 }, sent), () => morning, undefined, {
      requestBuckets: buckets,
    })
    while ((await dispatcher.dispatch()) > 0) {}
    expect(sent.map((batch) => batch.length)).toEqual([100, 50])
    // One for the first call (one set of values), three for the second (A, B0, B1).
    expect(buckets.taken).toEqual(Array.from({ length: 4 }, () => ['tencent:AKIDTencentTestKey', 1]))
  })
})
