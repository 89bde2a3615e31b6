import { asc, eq, like } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { inboundMessages, messages } from '../../src/db/schema/index'
import { sentCloudMessage } from '../support/cloud-callbacks'
import { DATABASE_KINDS } from '../support/databases'
import { callbackRowCounts, relayCallback, templateCloudCallback, useRelayApp } from '../support/relay-callbacks'

const NOW = Date.parse('2026-12-03T14:30:00Z')
const MINUTE = 60_000
const AHEAD = {
  en: '"at" is later than the time the push was received: the time received was used',
  zh: '"at" 晚于接收推送的时间:已使用接收时间',
}
const TIME_RULE = {
  en: 'must be a time in ISO 8601 with a zone (e.g. 2026-12-03T22:00:00+08:00): nothing in this callback was recorded',
  zh: '必须是带时区的 ISO 8601 时间(例如 2026-12-03T22:00:00+08:00):此回调中的内容均未记录',
}
const TEXT_RULE = { en: 'must be text: nothing in this callback was recorded', zh: '必须为文本:此回调中的内容均未记录' }
/** The one error shape naming a record's field, as a refused relay callback answers in `language`. */
const refused = (path: string, rule: { en: string; zh: string }, language: 'en' | 'zh') => {
  const message = { en: `${path} ${rule.en}`, zh: `${path} ${rule.zh}` }
  return { error: 'invalid_callback', message: message[language], problems: [{ code: 'invalid_callback', severity: 'error', path, message, text: message[language] }] }
}

describe.each(DATABASE_KINDS)('the times a relay or the template cloud pushes, on %s', (kind) => {
  const app = useRelayApp(kind, NOW)
  const post = async (...request: Parameters<typeof relayCallback>) => app().inject(relayCallback(...request))
  const repliesFrom = (phone: string) =>
    app()
      .database.db.select({ phone: inboundMessages.phone, receivedAt: inboundMessages.receivedAt })
      .from(inboundMessages)
      .where(like(inboundMessages.phone, phone))
      .orderBy(asc(inboundMessages.phone))
  const deliveredAt = async (providerId: string) =>
    (await app().database.db.select({ status: messages.status, deliveredAt: messages.deliveredAt }).from(messages).where(eq(messages.providerId, providerId)))[0]
  beforeAll(async () => {
    await app()
      .database.db.insert(messages)
      .values(
        ['R-1', 'R-2', 'R-3', 'R-4', 'C-1', 'C-2'].map((id) =>
          sentCloudMessage(id, { phone: '+8613712346100', provider: id.startsWith('C') ? 'cloud' : 'sandbox', providerId: id, at: new Date(NOW - 30 * MINUTE) }),
        ),
      )
  })

  it('takes a reply at its own time, at the time received when it has none, and at the time received, noted, when it is over 10 minutes ahead', async () => {
    const answer = await post('inbound', [
      { id: 't-1', phone: '+8613712346001', text: 'TD' },
      { id: 't-2', phone: '+8613712346002', text: 'TD', at: '2026-12-03T22:00:00+08:00' },
      { id: 't-3', phone: '+8613712346003', text: 'TD', at: new Date(NOW + 9 * MINUTE).toISOString() },
      { id: 't-4', phone: '+8613712346004', text: 'TD', at: new Date(NOW + 11 * MINUTE).toISOString() },
      { id: 't-5', phone: '+8613712346005', text: 'TD', at: null },
      { id: 't-6', phone: '+8613712346006', text: 'TD', at: '9999-12-31T23:59:59Z' },
    ])
    expect([answer.statusCode, answer.json()]).toEqual([
      200,
      {
        received: 6,
        duplicates: 0,
        optedOut: 6,
        exited: 0,
        notes: [
          { index: 3, field: 'at', note: AHEAD.en },
          { index: 5, field: 'at', note: AHEAD.en },
        ],
      },
    ])
    expect(await repliesFrom('+861371234600_')).toEqual([
      { phone: '+8613712346001', receivedAt: new Date(NOW) },
      { phone: '+8613712346002', receivedAt: new Date('2026-12-03T14:00:00Z') },
      { phone: '+8613712346003', receivedAt: new Date(NOW + 9 * MINUTE) },
      { phone: '+8613712346004', receivedAt: new Date(NOW) },
      { phone: '+8613712346005', receivedAt: new Date(NOW) },
      { phone: '+8613712346006', receivedAt: new Date(NOW) },
    ])
    const zh = await post('inbound', [{ id: 't-7', phone: '+8613712346007', text: '退订', at: '2026-12-04T14:30:00Z' }], 'zh')
    expect(zh.json().notes).toEqual([{ index: 0, field: 'at', note: AHEAD.zh }])
  })

  it.each([
    ['Unix seconds', 1796300000],
    ['Beijing time without a zone', '2026-12-03 22:00:00'],
    ['a word', 'yesterday'],
    ['an object', { at: '2026-12-03T22:00:00Z' }],
    ['true', true],
    ['a time before 1970', '1969-12-31T23:59:59Z'],
  ])('refuses a reply push whose "at" is %s with 400 naming the record and field, in English and Chinese, and records none of it', async (_name, at) => {
    const before = await callbackRowCounts(app())
    const body = [
      { id: 'm-1', phone: '+8613712346011', text: 'TD' },
      { id: 'm-2', phone: '+8613712346012', text: 'TD', at },
    ]
    const en = await post('inbound', body)
    expect([en.statusCode, en.json()]).toEqual([400, refused('/body/1/at', TIME_RULE, 'en')])
    const zh = await post('inbound', body, 'zh')
    expect([zh.statusCode, zh.json()]).toEqual([400, refused('/body/1/at', TIME_RULE, 'zh')])
    expect(await callbackRowCounts(app())).toEqual(before)
  })

  it.each([
    ['a number', 123],
    ['an object', { text: 'TD' }],
    ['null', null],
    ['a list', ['TD']],
    ['false', false],
  ])('refuses a reply push whose "text" is %s with 400 "must be text", and records none of it', async (_name, text) => {
    const before = await callbackRowCounts(app())
    const body = [
      { id: 'x-1', phone: '+8613712346021', text },
      { id: 'x-2', phone: '+8613712346022', text: 'TD' },
    ]
    const en = await post('inbound', body)
    expect([en.statusCode, en.json()]).toEqual([400, refused('/body/0/text', TEXT_RULE, 'en')])
    const zh = await post('inbound', body, 'zh')
    expect([zh.statusCode, zh.json()]).toEqual([400, refused('/body/0/text', TEXT_RULE, 'zh')])
    expect(await callbackRowCounts(app())).toEqual(before)
  })

  it('still skips a reply with no text beside valid ones, naming it, as before', async () => {
    const answer = await post('inbound', [
      { id: 'e-1', phone: '+8613712346031', text: '  ' },
      { id: 'e-2', phone: '+8613712346032', text: 'TD' },
    ])
    expect([answer.statusCode, answer.json()]).toEqual([
      200,
      { received: 1, duplicates: 0, optedOut: 1, exited: 0, skipped: [{ index: 0, field: 'text', reason: '"text" is empty: a reply without text is not stored' }] },
    ])
  })

  it('takes a receipt at its own "at", at the time received without one, and at the time received, noted, when it is ahead', async () => {
    const answer = await post(
      'status',
      [
        { providerId: 'R-1', status: 'delivered', at: '2026-12-03T22:29:00+08:00' },
        { providerId: 'R-2', status: 'delivered' },
        { providerId: 'R-3', status: 'delivered', at: new Date(NOW + 60 * MINUTE).toISOString() },
      ],
      'zh',
    )
    expect([answer.statusCode, answer.json()]).toEqual([200, { updated: 3, notes: [{ index: 2, field: 'at', note: AHEAD.zh }] }])
    expect([await deliveredAt('R-1'), await deliveredAt('R-2'), await deliveredAt('R-3')]).toEqual([
      { status: 'delivered', deliveredAt: new Date('2026-12-03T14:29:00Z') },
      { status: 'delivered', deliveredAt: new Date(NOW) },
      { status: 'delivered', deliveredAt: new Date(NOW) },
    ])
  })

  it('refuses a receipt push whose "at" is not ISO 8601 with a zone, and applies none of it', async () => {
    const before = await callbackRowCounts(app())
    const answer = await post('status', [
      { providerId: 'R-4', status: 'delivered', at: '2026-12-03T14:29:00Z' },
      { providerId: 'R-4', status: 'failed', code: 'X', at: 1796300000 },
    ])
    expect([answer.statusCode, answer.json()]).toEqual([400, refused('/body/1/at', TIME_RULE, 'en')])
    expect(await deliveredAt('R-4')).toEqual({ status: 'sent', deliveredAt: null })
    expect(await callbackRowCounts(app())).toEqual(before)
  })

  // The template cloud pushes again what it is refused, then drops it: its odd times are taken as the time received and noted.
  it('takes a template cloud time that is ahead or unreadable at the time received, and says which', async () => {
    const status = await app().inject(
      templateCloudCallback('status', [
        { biz_id: 'C-1', success: true, report_time: '2026-12-04 22:30:00' },
        { biz_id: 'C-2', success: true, report_time: 'soon' },
      ]),
    )
    expect([status.statusCode, status.json()]).toEqual([
      200,
      {
        updated: 2,
        notes: [
          { index: 0, field: 'report_time', note: '"report_time" is later than the time the push was received: the time received was used' },
          { index: 1, field: 'report_time', note: '"report_time" could not be read as a time (Beijing time "YYYY-MM-DD hh:mm:ss" expected): the time received was used' },
        ],
      },
    ])
    expect([await deliveredAt('C-1'), await deliveredAt('C-2')]).toEqual([
      { status: 'delivered', deliveredAt: new Date(NOW) },
      { status: 'delivered', deliveredAt: new Date(NOW) },
    ])
    const inbound = await app().inject(
      templateCloudCallback(
        'inbound',
        [
          { phone_number: '13712346041', content: 'TD', send_time: '2026-12-03 22:35:00', sequence_id: 41 },
          { phone_number: '13712346042', content: 'TD', send_time: '2026-12-03 22:50:00', sequence_id: 42 },
          { phone_number: '13712346043', content: 123, send_time: '2026-12-03 22:00:00', sequence_id: 43 },
        ],
        'zh',
      ),
    )
    expect([inbound.statusCode, inbound.json()]).toEqual([
      200,
      {
        received: 2,
        duplicates: 0,
        optedOut: 2,
        exited: 0,
        skipped: [{ index: 2, field: 'content', reason: '"content" 必须为文本:已跳过此记录' }],
        notes: [{ index: 1, field: 'send_time', note: '"send_time" 晚于接收推送的时间:已使用接收时间' }],
      },
    ])
    expect(await repliesFrom('+861371234604_')).toEqual([
      { phone: '+8613712346041', receivedAt: new Date(NOW + 5 * MINUTE) },
      { phone: '+8613712346042', receivedAt: new Date(NOW) },
    ])
  })
})
