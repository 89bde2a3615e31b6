import { JOURNEY_TEMPLATES } from '@recall/shared'
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { suppressions } from '../../src/db/schema/index'
import { receiveReply } from '../../src/replies/replies'
import { accessRepository } from '../../src/repositories/access'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
const NOW = Date.parse('2026-12-03T10:00:00+08:00')

describe.each(DATABASE_KINDS)('the replies list and opting a number out from a reply on %s', (kind) => {
  let app: FastifyInstance
  let editor = { cookie: '', csrf: '' }
  const reply = (id: string, phone: string, text: string, minutes: number) =>
    receiveReply(app.database.db, { provider: 'sandbox', providerMessageId: id, phone, text, at: NOW + minutes * 60_000 })

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => NOW + 3_600_000, secretKey: 'a-long-test-secret-key-0123456789' })
    await accessRepository(app.database.db).createUser({ email: 'ada@shop.example', name: 'Ada', role: 'editor', password: 'editor-password-1' })
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { anonymous: 'yes' }, payload: { email: 'ada@shop.example', password: 'editor-password-1' } })
    editor = { cookie: String(login.headers['set-cookie']).split(';')[0] as string, csrf: login.json().csrfToken }
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'W-1', phone: '13812349001', consent: true }] })
    await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: 'W-1', name: 'cart_added' }] })
    await app.runner.processDue()
    await reply('a', '+8613812349001', '不需要', 0)
    await reply('b', '+8613812349002', 'TD', 1)
    await reply('c', '+8613812349003', '订阅', 2)
    await reply('d', '+8613812349004', '什么时候发货', 3)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('lists replies newest first with the contact, what was done, and pages with `before`', async () => {
    const page = (await app.inject({ method: 'GET', url: '/api/replies?limit=3' })).json()
    expect(page.replies.map(({ id: _id, receivedAt: _at, ...row }: Record<string, unknown>) => row)).toEqual([
      {
        provider: 'sandbox',
        phone: '+8613812349004',
        text: '什么时候发货',
        textCut: 0,
        contactId: null,
        contactDeleted: false,
        contactName: null,
        contactLeftAt: null,
        contactConsent: null,
        suppressed: false,
        optedOutAt: null,
        optOutSource: null,
        optedOutBy: null,
        action: null,
        reviewedBy: null,
        reviewedAt: null,
        numberChangedHands: false,
      },
      {
        provider: 'sandbox',
        phone: '+8613812349003',
        text: '订阅',
        textCut: 0,
        contactId: null,
        contactDeleted: false,
        contactName: null,
        contactLeftAt: null,
        contactConsent: null,
        suppressed: false,
        optedOutAt: null,
        optOutSource: null,
        optedOutBy: null,
        action: 'opt_in_nothing',
        reviewedBy: null,
        reviewedAt: null,
        numberChangedHands: false,
      },
      {
        provider: 'sandbox',
        phone: '+8613812349002',
        text: 'TD',
        textCut: 0,
        contactId: null,
        contactDeleted: false,
        contactName: null,
        contactLeftAt: null,
        contactConsent: null,
        suppressed: true,
        optedOutAt: new Date(NOW + 60_000).toISOString(),
        optOutSource: 'reply',
        optedOutBy: null,
        action: 'opted_out',
        reviewedBy: null,
        reviewedAt: null,
        numberChangedHands: false,
      },
    ])
    expect(page.replies[0].receivedAt).toBe('2026-12-03T02:03:00.000Z')
    const next = (await app.inject({ method: 'GET', url: `/api/replies?limit=3&before=${page.next}` })).json()
    expect(next.replies.map((row: { text: string; contactId: string | null }) => [row.text, row.contactId])).toEqual([['不需要', 'W-1']])
  })

  it('"needs review" keeps only replies Recall did not act on', async () => {
    const page = (await app.inject({ method: 'GET', url: '/api/replies?review=true' })).json()
    expect(page.replies.map((row: { text: string }) => row.text)).toEqual(['什么时候发货', '不需要'])
  })

  it('an editor opts a number out from its reply: suppressed with a reason naming them, its marketing journeys ended, the reply no longer needs review', async () => {
    const [target] = (await app.inject({ method: 'GET', url: '/api/replies?review=true' })).json().replies.filter((row: { text: string }) => row.text === '不需要')
    const answer = await app.inject({ method: 'POST', url: `/api/replies/${target.id}/opt-out`, headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf } })
    expect([answer.statusCode, answer.json()]).toEqual([200, { exited: 1, alreadySuppressed: false }])
    const [suppression] = await app.database.db.select().from(suppressions).where(eq(suppressions.phone, '+8613812349001'))
    expect([suppression?.reason, suppression?.optedOutAt]).toEqual(['replied "不需要"; opted out by Ada', new Date(NOW + 3_600_000)])
    const detail = (await app.inject({ method: 'GET', url: '/api/contacts/W-1' })).json()
    expect(detail.contact.suppressed).toBe(true)
    expect(detail.enrollments[0]).toMatchObject({ status: 'exited', exitReason: 'opted_out' })
    expect(detail.enrollments[0].timeline.at(-1).message).toEqual({
      en: 'exited: Ada opted this person out at 2026-12-03 11:00 Asia/Shanghai; only a colleague can lift it, on the Replies page after a START reply from them',
      zh: '退出:Ada 已于 2026年12月3日 11:00 Asia/Shanghai 将此人退订;本人回复订阅后,只能由同事在"回复"页面解除',
    })
    const review = (await app.inject({ method: 'GET', url: '/api/replies?review=true' })).json()
    expect(review.replies.map((row: { text: string }) => row.text)).toEqual(['什么时候发货'])
    const again = await app.inject({ method: 'POST', url: `/api/replies/${target.id}/opt-out`, headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf } })
    expect(again.json()).toEqual({ exited: 0, alreadySuppressed: true })
  })

  it('answers an unknown reply in the one error shape, in the caller language', async () => {
    const answer = await app.inject({ method: 'POST', url: '/api/replies/987654/opt-out', headers: { 'accept-language': 'zh-CN' } })
    expect([answer.statusCode, answer.json()]).toEqual([404, { error: 'reply_not_found', message: '没有这条回复', problems: [] }])
  })
})
