import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { suppressions } from '../../src/db/schema/index'
import { DATABASE_KINDS } from '../support/databases'
import { useOptOutApp } from '../support/opt-out-harness'

const NOW = Date.parse('2026-12-04T14:05:33+08:00')
const COLLEAGUE = 'Key maker (API key "tests")'

// Found by an outside tester: the contact page had no way to opt a contact out, only "Delete contact".
describe.each(DATABASE_KINDS)('a colleague opts a contact out from its page, on %s', (kind) => {
  const { app, handedOver, dispatch, events, imported } = useOptOutApp(kind, NOW)
  const optOut = (id: string, headers: Record<string, string> = {}) => app().inject({ method: 'POST', url: `/api/contacts/${id}/opt-out`, headers })
  const detail = async (id: string) => (await app().inject({ method: 'GET', url: `/api/contacts/${id}` })).json()

  it('records an admin opt-out naming them, on the person and the number, and cancels the queued recall SMS saying so', async () => {
    await imported('PAGE-1', '+8613966610001')
    expect((await events('PAGE-1', 'visit')).statusCode).toBe(200)
    const answer = await optOut('PAGE-1')
    expect([answer.statusCode, answer.json()]).toEqual([200, { exited: 0, alreadyOptedOut: false }])
    const { contact, enrollments } = await detail('PAGE-1')
    expect([contact.suppressed, contact.optedOutAt, contact.optOutSource, contact.optedOutBy]).toEqual([true, '2026-12-04T06:05:33.000Z', 'admin', COLLEAGUE])
    const [number] = await app().database.db.select().from(suppressions).where(eq(suppressions.phone, '+8613966610001'))
    expect([number?.source, number?.optedOutBy, number?.optedOutAt, number?.reason]).toEqual(['admin', COLLEAGUE, new Date(NOW), `opted out by ${COLLEAGUE} on the contact page`])
    // The journey had ended (it sends and exits); its queued recall SMS is cancelled, saying whose opt-out.
    expect(enrollments[0].timeline.at(-1).message).toEqual({
      en: `cancelled: ${COLLEAGUE} opted this person out at 2026-12-04 14:05 Asia/Shanghai; only a colleague can lift it, on the Replies page after a START reply from them`,
      zh: '已取消:Key maker(API 密钥"tests") 已于 2026年12月4日 14:05 Asia/Shanghai 将此人退订;本人回复订阅后,只能由同事在"回复"页面解除',
    })
    handedOver.length = 0
    await dispatch()
    expect(handedOver).toEqual([])
    expect((await optOut('PAGE-1')).json()).toEqual({ exited: 0, alreadyOptedOut: true })
  })

  it('opts out a contact without a phone on the person alone', async () => {
    await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'NO-PHONE', consent: true }] })
    expect((await optOut('NO-PHONE')).json()).toEqual({ exited: 0, alreadyOptedOut: false })
    const { contact } = await detail('NO-PHONE')
    expect([contact.suppressed, contact.optedOutAt, contact.optOutSource, contact.optedOutBy]).toEqual([true, '2026-12-04T06:05:33.000Z', 'admin', COLLEAGUE])
  })

  it('answers 404 for an unknown contact, in English and Chinese, and writes nothing', async () => {
    const en = await optOut('NOBODY')
    expect([en.statusCode, en.json().error, en.json().message]).toEqual([404, 'contact_not_found', 'No contact "NOBODY"'])
    expect((await optOut('NOBODY', { 'accept-language': 'zh-CN' })).json().message).toBe('联系人 "NOBODY" 不存在')
    expect(await app().database.db.select().from(suppressions).where(eq(suppressions.phone, 'NOBODY'))).toEqual([])
  })
})
