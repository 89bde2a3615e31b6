import { asc, eq, like } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { inboundMessages, messages } from '../../src/db/schema/index'
import { ACKNOWLEDGED, CALLBACK_URLS, replyCounts, sentCloudMessage, useCloudCallbacks } from '../support/cloud-callbacks'
import { DATABASE_KINDS } from '../support/databases'

const NOW = Date.parse('2026-12-03T14:30:00Z')
const PHONE = '+8613800138000'

/** A record the clouds pushed that cannot be taken as it is: refused on its own, with the field and the reason, never taken silently. */
describe.each(DATABASE_KINDS)('what a webhook answer says of a record it could not take as it was, on %s', (kind) => {
  const { app, push } = useCloudCallbacks(kind, { clock: () => NOW })
  const statusOf = async (key: string) =>
    (
      await app()
        .database.db.select({ status: messages.status, deliveredAt: messages.deliveredAt })
        .from(messages)
        .where(eq(messages.idempotencyKey, `key-${key}`))
    )[0]
  const repliesFrom = (phone: string) =>
    app()
      .database.db.select({ text: inboundMessages.text, keyword: inboundMessages.keyword, receivedAt: inboundMessages.receivedAt })
      .from(inboundMessages)
      .where(like(inboundMessages.phone, phone))
      .orderBy(asc(inboundMessages.id))
  beforeAll(async () => {
    await app()
      .database.db.insert(messages)
      .values([
        sentCloudMessage('t-status', { phone: PHONE, provider: 'tencent', providerId: '2640:7', at: new Date(NOW) }),
        sentCloudMessage('a-status', { phone: PHONE, provider: 'aliyun', providerId: '9002^0/13800138000', at: new Date(NOW) }),
        sentCloudMessage('t-time', { phone: PHONE, provider: 'tencent', providerId: '2640:8', at: new Date(NOW) }),
      ])
  })

  it('refuses a reply with no text, naming its field with the reason, and stores no blank reply', async () => {
    const aliyun = await push(
      CALLBACK_URLS.aliyunInbound,
      JSON.stringify([
        { phone_number: '13800138101', send_time: '2026-12-03 22:00:00', content: '', sequence_id: 701 },
        { phone_number: '13800138101', send_time: '2026-12-03 22:00:00', content: '  ', sequence_id: 702 },
        { phone_number: '13800138101', send_time: '2026-12-03 22:00:00', sequence_id: 703 },
        { phone_number: '13800138101', send_time: '2026-12-03 22:00:00', content: '好的', sequence_id: 704 },
      ]),
    )
    const reason = '"content" is empty: a reply without text is not stored'
    expect([aliyun.statusCode, aliyun.json()]).toEqual([
      200,
      {
        ...ACKNOWLEDGED.aliyun,
        ...replyCounts(1, 0),
        skipped: [
          { index: 0, field: 'content', reason },
          { index: 1, field: 'content', reason },
          { index: 2, field: 'content', reason },
        ],
      },
    ])
    const tencent = await push(CALLBACK_URLS.tencentInbound, JSON.stringify({ nationcode: '86', mobile: '13800138102', text: '', sign: '乐享商城', time: 1796300000 }), {
      'accept-language': 'zh-CN',
    })
    expect([tencent.statusCode, tencent.json()]).toEqual([
      200,
      { ...ACKNOWLEDGED.tencent, ...replyCounts(0, 0), skipped: [{ index: 0, field: 'text', reason: '"text" 为空:不保存没有内容的回复' }] },
    ])
    expect(await repliesFrom('+861380013810_')).toEqual([{ text: '好的', keyword: null, receivedAt: new Date('2026-12-03T14:00:00Z') }])
  })

  it('skips a reply whose text is not text (a number, an object, null), naming its field, in English and Chinese, and keeps the rest', async () => {
    const aliyun = await push(
      CALLBACK_URLS.aliyunInbound,
      JSON.stringify([
        { phone_number: '13800138111', send_time: '2026-12-03 22:00:00', content: 123, sequence_id: 711 },
        { phone_number: '13800138111', send_time: '2026-12-03 22:00:00', content: { text: 'TD' }, sequence_id: 712 },
        { phone_number: '13800138111', send_time: '2026-12-03 22:00:00', content: null, sequence_id: 713 },
        { phone_number: '13800138112', send_time: '2026-12-03 22:00:00', content: 'TD', sequence_id: 714 },
      ]),
    )
    const reason = '"content" must be text: the record was skipped'
    expect([aliyun.statusCode, aliyun.json()]).toEqual([
      200,
      {
        ...ACKNOWLEDGED.aliyun,
        ...replyCounts(1, 1),
        skipped: [
          { index: 0, field: 'content', reason },
          { index: 1, field: 'content', reason },
          { index: 2, field: 'content', reason },
        ],
      },
    ])
    const tencent = await push(CALLBACK_URLS.tencentInbound, JSON.stringify({ nationcode: '86', mobile: '13800138113', text: 7, sign: '乐享商城', time: 1796300000 }), {
      'accept-language': 'zh-CN',
    })
    expect([tencent.statusCode, tencent.json()]).toEqual([
      200,
      { ...ACKNOWLEDGED.tencent, ...replyCounts(0, 0), skipped: [{ index: 0, field: 'text', reason: '"text" 必须为文本:已跳过此记录' }] },
    ])
    expect([...(await repliesFrom('+8613800138111')), ...(await repliesFrom('+8613800138112')), ...(await repliesFrom('+8613800138113'))]).toEqual([
      { text: 'TD', keyword: 'stop', receivedAt: new Date('2026-12-03T14:00:00Z') },
    ])
  })

  it("skips a receipt whose status is neither of the cloud's values, naming the field, and applies nothing", async () => {
    const tencent = await push(
      CALLBACK_URLS.tencentStatus,
      JSON.stringify([{ user_receive_time: '2026-12-03 22:01:00', nationcode: '86', mobile: '13800138000', report_status: 'DELIVERING', errmsg: 'DELIVRD', sid: '2640:7' }]),
    )
    expect([tencent.statusCode, tencent.json()]).toEqual([
      200,
      { ...ACKNOWLEDGED.tencent, updated: 0, skipped: [{ index: 0, field: 'report_status', reason: '"report_status" must be SUCCESS or FAIL: the receipt was not applied' }] },
    ])
    const aliyun = await push(
      CALLBACK_URLS.aliyunStatus,
      JSON.stringify([{ phone_number: '13800138000', biz_id: '9002^0', success: 'maybe', err_code: 'DELIVERED', report_time: '2026-12-03 22:01:00' }]),
      { 'accept-language': 'zh-CN' },
    )
    expect([aliyun.statusCode, aliyun.json()]).toEqual([
      200,
      { ...ACKNOWLEDGED.aliyun, updated: 0, skipped: [{ index: 0, field: 'success', reason: '"success" 必须为 true 或 false:未应用此回执' }] },
    ])
    expect([await statusOf('t-status'), await statusOf('a-status')]).toEqual([
      { status: 'sent', deliveredAt: null },
      { status: 'sent', deliveredAt: null },
    ])
  })

  it('names a missing field with its reason in English and Chinese', async () => {
    const en = await push(CALLBACK_URLS.tencentStatus, JSON.stringify([{ report_status: 'SUCCESS' }]))
    expect(en.json().skipped).toEqual([{ index: 0, field: 'sid', reason: '"sid" is missing or not valid: the record was skipped' }])
    const zh = await push(CALLBACK_URLS.tencentStatus, JSON.stringify([{ report_status: 'SUCCESS' }]), { 'accept-language': 'zh-CN' })
    expect(zh.json().skipped).toEqual([{ index: 0, field: 'sid', reason: '"sid" 缺失或无效:已跳过此记录' }])
  })

  it('takes a Tencent receipt whose time cannot be read at the time received, and says so', async () => {
    const answer = await push(
      CALLBACK_URLS.tencentStatus,
      JSON.stringify([{ user_receive_time: 'yesterday', nationcode: '86', mobile: '13800138000', report_status: 'SUCCESS', errmsg: 'DELIVRD', sid: '2640:8' }]),
    )
    expect([answer.statusCode, answer.json()]).toEqual([
      200,
      {
        ...ACKNOWLEDGED.tencent,
        updated: 1,
        notes: [
          {
            index: 0,
            field: 'user_receive_time',
            note: '"user_receive_time" could not be read as a time (Beijing time "YYYY-MM-DD hh:mm:ss" expected): the time received was used',
          },
        ],
      },
    ])
    expect(await statusOf('t-time')).toEqual({ status: 'delivered', deliveredAt: new Date(NOW) })
  })

  it('keeps a Tencent or Aliyun STOP whose time cannot be read at the time received, and says so in the caller language', async () => {
    const tencent = await push(CALLBACK_URLS.tencentInbound, JSON.stringify({ nationcode: '86', mobile: '13800138103', text: 'TD', sign: '乐享商城', time: 'yesterday' }))
    expect([tencent.statusCode, tencent.json()]).toEqual([
      200,
      {
        ...ACKNOWLEDGED.tencent,
        ...replyCounts(1, 1),
        notes: [{ index: 0, field: 'time', note: '"time" could not be read as a time (Unix seconds expected): the time received was used' }],
      },
    ])
    const aliyun = await push(CALLBACK_URLS.aliyunInbound, JSON.stringify([{ phone_number: '13800138104', send_time: 'soon', content: 'T', sequence_id: 705 }]), {
      'accept-language': 'zh-CN',
    })
    expect(aliyun.json().notes).toEqual([{ index: 0, field: 'send_time', note: '无法识别"send_time"中的时间(应为北京时间 "YYYY-MM-DD hh:mm:ss"):已使用接收时间' }])
    expect([...(await repliesFrom('+8613800138103')), ...(await repliesFrom('+8613800138104'))]).toEqual([
      { text: 'TD', keyword: 'stop', receivedAt: new Date(NOW) },
      { text: 'T', keyword: 'stop', receivedAt: new Date(NOW) },
    ])
  })

  // A STOP dated tomorrow would hold the opt-out past every START sent before then: only a START sent
  // after the opt-out lifts it. A provider's clock a few minutes ahead is taken as it is.
  it('takes a STOP dated later than its push at the time received, and says so; a few minutes ahead is kept', async () => {
    const pushed = await push(
      CALLBACK_URLS.aliyunInbound,
      JSON.stringify([
        { phone_number: '13800138105', send_time: '2026-12-04 22:30:00', content: 'TD', sequence_id: 706 },
        { phone_number: '13800138106', send_time: '2026-12-03 22:35:00', content: 'TD', sequence_id: 707 },
      ]),
      { 'accept-language': 'zh-CN' },
    )
    expect(pushed.json().notes).toEqual([{ index: 0, field: 'send_time', note: '"send_time" 晚于接收推送的时间:已使用接收时间' }])
    expect([...(await repliesFrom('+8613800138105')), ...(await repliesFrom('+8613800138106'))]).toEqual([
      { text: 'TD', keyword: 'stop', receivedAt: new Date(NOW) },
      { text: 'TD', keyword: 'stop', receivedAt: new Date(NOW + 5 * 60_000) },
    ])
  })
})
