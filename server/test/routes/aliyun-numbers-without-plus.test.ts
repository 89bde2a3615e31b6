import { asc, eq, like } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { inboundMessages, messages, suppressions } from '../../src/db/schema/index'
import { ACKNOWLEDGED, CALLBACK_URLS, replyCounts, sentCloudMessage, useCloudCallbacks } from '../support/cloud-callbacks'
import { DATABASE_KINDS } from '../support/databases'

const NOW = Date.parse('2026-12-03T14:30:00Z')
const smsUp = (phone: string, content: string, sequence: number) => ({ phone_number: phone, send_time: '2026-12-03 22:00:00', content, sequence_id: sequence })

/**
 * Aliyun pushes a mainland number without +86 and any other with its country code but without "+"
 * (HTTP 批量推送: "8521234****"): both are read, and a number read both ways is the one a contact holds.
 */
describe.each(DATABASE_KINDS)('Aliyun numbers pushed without "+" on %s', (kind) => {
  const { app, push } = useCloudCallbacks(kind, { clock: () => NOW })
  const suppressed = (phone: string) =>
    app().database.db.select({ phone: suppressions.phone }).from(suppressions).where(like(suppressions.phone, phone)).orderBy(asc(suppressions.phone))
  beforeAll(async () => {
    const contacts = [
      { id: 'HK-1', phone: '+85291234567', consent: true },
      { id: 'SG-1', phone: '+6591234567', consent: true },
      // 13012345678 is a mainland mobile without +86 and a Maryland number without +1.
      { id: 'US-1', phone: '+13012345678', consent: true },
    ]
    expect((await app().inject({ method: 'POST', url: '/api/contacts/import', payload: contacts })).statusCode).toBe(200)
  })

  it('opts out a Hong Kong and a Singapore number replying STOP and TD', async () => {
    const answer = await push(CALLBACK_URLS.aliyunInbound, JSON.stringify([smsUp('85291234567', 'STOP', 1), smsUp('6591234567', 'TD', 2)]))
    expect([answer.statusCode, answer.json()]).toEqual([200, { ...ACKNOWLEDGED.aliyun, ...replyCounts(2, 2) }])
    expect([...(await suppressed('+852%')), ...(await suppressed('+65%'))]).toEqual([{ phone: '+85291234567' }, { phone: '+6591234567' }])
    const contacts = (await app().inject({ method: 'GET', url: '/api/contacts?search=SG-1' })).json().contacts
    expect(contacts.map((contact: { externalId: string; suppressed: boolean }) => [contact.externalId, contact.suppressed])).toEqual([['SG-1', true]])
  })

  it('takes the reading a contact holds for a number valid both ways, and the mainland one when none does', async () => {
    const answer = await push(CALLBACK_URLS.aliyunInbound, JSON.stringify([smsUp('13012345678', 'T', 3), smsUp('13012345679', 'T', 4)]))
    expect(answer.json()).toMatchObject({ received: 2, optedOut: 2 })
    expect([...(await suppressed('+1301%')), ...(await suppressed('+86130%'))]).toEqual([{ phone: '+13012345678' }, { phone: '+8613012345679' }])
  })

  // Found by an outside tester: the reading was chosen among numbers held now only, so a late STOP
  // from a +1 number its contact had left (or held when deleted) was filed under +86, and the person
  // got marketing at the new number.
  it('takes the reading a contact left or held when deleted, so a late STOP from it follows the person', async () => {
    const imported = async (id: string, phone: string) =>
      expect((await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id, phone, consent: true }] })).statusCode).toBe(200)
    await imported('US-LEFT', '+13012345688')
    await imported('US-LEFT', '+13012345689')
    await imported('US-GONE', '+13012345698')
    expect((await app().inject({ method: 'DELETE', url: '/api/contacts/US-GONE' })).statusCode).toBe(204)
    await imported('US-GONE', '+13012345699')
    const answer = await push(CALLBACK_URLS.aliyunInbound, JSON.stringify([smsUp('13012345688', 'STOP', 8), smsUp('13012345698', 'STOP', 9)]))
    expect(answer.json()).toMatchObject({ received: 2, optedOut: 2 })
    expect([...(await suppressed('+1301234568%')), ...(await suppressed('+1301234569%'))]).toEqual([{ phone: '+13012345688' }, { phone: '+13012345698' }])
    for (const id of ['US-LEFT', 'US-GONE']) {
      const { phone, suppressed: stopped, optOutSource } = (await app().inject({ method: 'GET', url: `/api/contacts/${id}` })).json().contact
      expect([id, phone.slice(0, 10), stopped, optOutSource]).toEqual([id, '+130123456', true, 'reply'])
    }
  })

  // Found by an outside tester: a number sent as a JSON number, or by Tencent with "+86" on the mobile as
  // well as in nationcode, lost the STOP (skipped, or kept unread as +868613…).
  it('takes a number sent as a JSON number, and a Tencent mobile that already carries its country', async () => {
    const aliyun = await push(CALLBACK_URLS.aliyunInbound, JSON.stringify([{ ...smsUp('', 'STOP', 10), phone_number: 13800138201 }]))
    expect(aliyun.json()).toMatchObject({ received: 1, optedOut: 1 })
    const tencent = await push(CALLBACK_URLS.tencentInbound, JSON.stringify({ nationcode: '86', mobile: '+8613800138202', text: 'TD', sign: '乐享商城', time: 1796300000 }))
    expect(tencent.json()).toMatchObject({ received: 1, optedOut: 1 })
    expect(await suppressed('+86138001382%')).toEqual([{ phone: '+8613800138201' }, { phone: '+8613800138202' }])
  })

  it('keeps a STOP from a number no reading makes valid on the Replies page for review, and says so in English and Chinese', async () => {
    const answer = await push(CALLBACK_URLS.aliyunInbound, JSON.stringify([smsUp('12345', 'STOP', 5)]))
    expect([answer.statusCode, answer.json()]).toEqual([
      200,
      {
        ...ACKNOWLEDGED.aliyun,
        ...replyCounts(1, 0),
        notes: [
          {
            index: 0,
            field: 'phone_number',
            note: '"phone_number" could not be read as a phone number: the reply is kept on the Replies page for review and nothing was opted out',
          },
        ],
      },
    ])
    const zh = await push(CALLBACK_URLS.aliyunInbound, JSON.stringify([smsUp('12346', '退订', 6)]), { 'accept-language': 'zh-CN' })
    expect(zh.json().notes).toEqual([{ index: 0, field: 'phone_number', note: '无法将"phone_number"识别为手机号码:此回复已保留在"回复"页面待人工处理,未退订任何号码' }])
    const review = (await app().inject({ method: 'GET', url: '/api/replies?review=true' })).json().replies
    expect(review.map((row: { phone: string; text: string; action: string | null }) => [row.phone, row.text, row.action])).toEqual([
      ['12346', '退订', null],
      ['12345', 'STOP', null],
    ])
    expect(await suppressed('%12345')).toEqual([])
    const stored = await app().database.db.select({ receivedAt: inboundMessages.receivedAt }).from(inboundMessages).where(eq(inboundMessages.phone, '12345'))
    expect(stored).toEqual([{ receivedAt: new Date('2026-12-03T14:00:00Z') }])
  })

  it('matches a delivery report of a number pushed without "+" to its message, whichever reading it was sent to', async () => {
    await app()
      .database.db.insert(messages)
      .values([
        sentCloudMessage('hk', { phone: '+85291234567', provider: 'aliyun', providerId: '9001^0/+85291234567', at: new Date(NOW) }),
        sentCloudMessage('us', { phone: '+13012345678', provider: 'aliyun', providerId: '9003^0/+13012345678', at: new Date(NOW) }),
      ])
    const reports = [
      { phone_number: '85291234567', biz_id: '9001^0', success: true, err_code: 'DELIVERED', report_time: '2026-12-03 22:01:00' },
      { phone_number: '13012345678', biz_id: '9003^0', success: true, err_code: 'DELIVERED', report_time: '2026-12-03 22:02:00' },
    ]
    const answer = await push(CALLBACK_URLS.aliyunStatus, JSON.stringify(reports))
    expect([answer.statusCode, answer.json()]).toEqual([200, { ...ACKNOWLEDGED.aliyun, updated: 2 }])
    const rows = await app()
      .database.db.select({ key: messages.idempotencyKey, status: messages.status, deliveredAt: messages.deliveredAt })
      .from(messages)
      .orderBy(asc(messages.idempotencyKey))
    expect(rows).toEqual([
      { key: 'key-hk', status: 'delivered', deliveredAt: new Date('2026-12-03T14:01:00Z') },
      { key: 'key-us', status: 'delivered', deliveredAt: new Date('2026-12-03T14:02:00Z') },
    ])
  })
})
