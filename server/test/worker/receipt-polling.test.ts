import { asc } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { secretBox } from '../../src/access/secrets'
import { contacts, messages } from '../../src/db/schema/index'
import { providerRouter } from '../../src/providers/router'
import { recordReceipts } from '../../src/replies/receipts'
import { providerSettingsRepository } from '../../src/repositories/provider-settings'
import { readTimeline } from '../../src/repositories/timeline'
import { outboxDispatcher } from '../../src/worker/dispatcher'
import { RequestBuckets } from '../../src/worker/rate-limit'
import { receiptPoller } from '../../src/worker/receipt-poller'
import { CountingBuckets } from '../support/counting-buckets'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'
import { type FakeAliyun, startFakeAliyun } from '../support/fake-aliyun'
import { type FakeTencent, startFakeTencent } from '../support/fake-tencent'

const SECRET_KEY = 'a-long-test-secret-key-0123456789'
const ALIYUN = { accessKeyId: 'LTAI5tAliyunTestKey', accessKeySecret: 'aliyun-secret-0123456789', callbackToken: 'aliyun-callback-token' }
const TENCENT = { secretId: 'AKIDTencentTestKey', secretKey: 'tencent-secret-0123456789', smsSdkAppId: '1400006666', callbackToken: 'tencent-callback-token' }
const now = Date.parse('2026-11-25T10:00:00+08:00')
const later = now + 3 * 60_000

const queued = (key: string, contactId: string, template: string) => ({
  idempotencyKey: key,
  enrollmentId: `e-${contactId}`,
  journeyId: 'j',
  contactId,
  nodeId: 'sms',
  channel: 'sms' as const,
  category: 'recall' as const,
  phone: `+861380000000${contactId}`,
  text: '【乐享商城】好久不见 回T退订',
  template: { code: template, params: { name: '张女士' } },
  parts: 1,
  createdAt: new Date(now),
})

describe.each(DATABASE_KINDS)('receipts asked of the clouds when their callbacks do not come, on %s', (kind) => {
  let aliyun: FakeAliyun
  let tencent: FakeTencent
  const handle = useTestDatabase(kind, async ({ db }) => {
    await db.insert(contacts).values(['1', '2', '3', '4', '5'].map((id) => ({ id, externalId: `C-${id}`, phone: `+861380000000${id}`, timeZone: 'Asia/Shanghai', consent: true })))
  })
  beforeAll(async () => {
    aliyun = await startFakeAliyun({ accessKeyId: ALIYUN.accessKeyId, accessKeySecret: ALIYUN.accessKeySecret, templates: ['SMS_100001'] })
    tencent = await startFakeTencent({ ...TENCENT, templates: ['1110001'] })
  })
  afterAll(async () => {
    await aliyun?.close()
    await tencent?.close()
  })
  const router = () => providerRouter(handle().db, secretBox(SECRET_KEY))
  const save = (recall: 'aliyun' | 'tencent', pollReceipts: boolean) =>
    providerSettingsRepository(handle().db, secretBox(SECRET_KEY)).save({
      routes: { recall },
      aliyun: { endpoint: aliyun.endpoint, signName: '乐享商城', pollReceipts, ...ALIYUN },
      tencent: { endpoint: tencent.endpoint, region: 'ap-guangzhou', signName: '乐享商城', pollReceipts, ...TENCENT },
    })
  /** Sends every queued message; answers the tokens taken, one per request to the cloud. */
  async function sendAll() {
    const providers = router()
    const buckets = new CountingBuckets()
    const dispatcher = outboxDispatcher(
      handle().db,
      async () => (await providers()).forCategory,
      () => now,
      undefined,
      { requestBuckets: buckets },
    )
    while ((await dispatcher.dispatch()) > 0) {}
    return buckets.taken
  }
  const rows = (contactIds: string[]) =>
    handle()
      .db.select({ contactId: messages.contactId, status: messages.status, carrierCode: messages.carrierCode, deliveredAt: messages.deliveredAt })
      .from(messages)
      .orderBy(asc(messages.id))
      .then((all) => all.filter((row) => contactIds.includes(row.contactId)))

  it('Aliyun: QuerySendDetails per waiting message, recorded as SmsReport would be; a push that comes after is not recorded again', async () => {
    await save('aliyun', true)
    await handle()
      .db.insert(messages)
      .values([queued('a1', '1', 'SMS_100001'), queued('a2', '2', 'SMS_100001'), queued('a3', '3', 'SMS_100001')])
    expect(await sendAll()).toEqual([['aliyun:LTAI5tAliyunTestKey', 1]])
    const [call] = aliyun.calls
    expect(call?.numbers).toEqual(['13800000001', '13800000002', '13800000003'])
    const bizId = call?.bizId as string
    aliyun.settle(bizId, '13800000001', { delivered: true, errCode: 'DELIVERED', receiveDate: '2026-11-25 10:00:07' })
    aliyun.settle(bizId, '13800000002', { delivered: false, errCode: 'MOBILE_NOT_ON_SERVICE', receiveDate: '2026-11-25 10:00:09' })
    const poller = receiptPoller(handle().db, router(), () => later, new RequestBuckets())
    // Not asked before two minutes: the callback may still come.
    expect(await receiptPoller(handle().db, router(), () => now + 60_000, new RequestBuckets()).poll()).toBe(0)
    expect(aliyun.queries).toEqual([])
    expect(await poller.poll()).toBe(2)
    expect(aliyun.queries).toEqual(['13800000001', '13800000002', '13800000003'].map((phoneNumber) => ({ phoneNumber, bizId, sendDate: '20261125' })))
    expect(await rows(['1', '2', '3'])).toEqual([
      { contactId: '1', status: 'delivered', carrierCode: null, deliveredAt: new Date('2026-11-25T10:00:07+08:00') },
      { contactId: '2', status: 'failed', carrierCode: 'MOBILE_NOT_ON_SERVICE', deliveredAt: null },
      { contactId: '3', status: 'sent', carrierCode: null, deliveredAt: null },
    ])
    expect((await readTimeline(handle().db, ['e-2'])).map(({ message }) => ({ message }))).toEqual([
      {
        message: {
          en: 'carrier could not deliver: number suspended, empty, switched off or out of coverage (MOBILE_NOT_ON_SERVICE)',
          zh: '运营商投递失败:停机、空号、暂停服务、关机或不在服务区(MOBILE_NOT_ON_SERVICE)',
        },
      },
    ])
    // The same reports pushed late by the cloud: de-duplicated with the polled ones.
    const webhooks = (await router()()).webhooks('aliyun')
    const push = (aliyun.reports(new Set(['13800000002']))[0] ?? []).slice(0, 2)
    const late = webhooks?.receipts({ url: '/', headers: {}, rawBody: JSON.stringify(push), receivedAt: later }, later).read ?? []
    expect(
      await recordReceipts(
        handle().db,
        'aliyun',
        late.map(({ record }) => record),
      ),
    ).toEqual({ updated: 0, pending: 0 })
    // Only the one still waiting is asked about again.
    expect(await poller.poll()).toBe(0)
    expect(aliyun.queries.slice(3)).toEqual([{ phoneNumber: '13800000003', bizId, sendDate: '20261125' }])
  })

  it('Tencent: PullSmsSendStatus hands out the queued statuses once; polling off asks nothing', async () => {
    await save('tencent', false)
    await handle()
      .db.insert(messages)
      .values([queued('t4', '4', '1110001'), queued('t5', '5', '1110001')])
    expect(await sendAll()).toEqual([['tencent:AKIDTencentTestKey', 1]])
    const accepted = tencent.calls.flatMap((call) => call.accepted)
    expect(accepted.map((sent) => sent.phone)).toEqual(['+8613800000004', '+8613800000005'])
    tencent.pullQueue.push(
      { SerialNo: accepted[0]?.sid as string, PhoneNumber: '+8613800000004', ReportStatus: 'SUCCESS', Description: '用户接收成功', UserReceiveTime: now / 1000 + 8 },
      { SerialNo: accepted[1]?.sid as string, PhoneNumber: '+8613800000005', ReportStatus: 'FAIL', Description: 'MOBILE_ACCOUNT_ABNORMAL', UserReceiveTime: now / 1000 + 9 },
    )
    expect(await receiptPoller(handle().db, router(), () => later, new RequestBuckets()).poll()).toBe(0)
    expect(tencent.pulls).toBe(0)
    await save('tencent', true)
    expect(await receiptPoller(handle().db, router(), () => later, new RequestBuckets()).poll()).toBe(2)
    expect(tencent.pulls).toBe(1)
    expect(await rows(['4', '5'])).toEqual([
      { contactId: '4', status: 'delivered', carrierCode: null, deliveredAt: new Date(now + 8000) },
      { contactId: '5', status: 'failed', carrierCode: 'MOBILE_ACCOUNT_ABNORMAL', deliveredAt: null },
    ])
  })
})
