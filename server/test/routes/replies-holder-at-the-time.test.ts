import { describe, expect, it } from 'vitest'
import { DATABASE_KINDS } from '../support/databases'
import { useOptOutApp } from '../support/opt-out-harness'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000

// Found by an outside tester: a T from a number no contact had, then a contact imported with that number,
// and the Replies page named the newcomer as the writer; "Opt out this number" would have opted them out.
describe.each(DATABASE_KINDS)('a reply names only a contact that held the number when it came, on %s', (kind) => {
  const { app, reply, imported } = useOptOutApp(kind, NOW)
  const listed = async (phone: string) =>
    ((await app().inject({ method: 'GET', url: '/api/replies' })).json().replies as Record<string, unknown>[])
      .filter((row) => row.phone === phone)
      .map(({ text, contactId, suppressed, optOutSource, action, numberChangedHands }) => ({ text, contactId, suppressed, optOutSource, action, numberChangedHands }))
  const replyId = async (phone: string) =>
    ((await app().inject({ method: 'GET', url: '/api/replies' })).json().replies as { id: number; phone: string }[]).find((row) => row.phone === phone)?.id
  const contact = async (id: string) => (await app().inject({ method: 'GET', url: `/api/contacts/${id}` })).json().contact

  it('a contact imported with the number after its T is not named, and stays opted in', async () => {
    const phone = '+8613955556666'
    await reply(phone, 'T', NOW - 10 * MINUTE)
    await imported('NEWGUY', '13955556666')
    expect(await listed(phone)).toEqual([{ text: 'T', contactId: null, suppressed: true, optOutSource: 'reply', action: 'opted_out', numberChangedHands: true }])
    expect((await contact('NEWGUY')).optedOutAt).toBe(null)
  })

  it('opting the number out from a reply that came before its contact took it is refused in en and zh, and changes nothing', async () => {
    const phone = '+8613955557777'
    await reply(phone, '不需要', NOW - 10 * MINUTE)
    await imported('NEWGAL', '13955557777')
    expect(await listed(phone)).toEqual([{ text: '不需要', contactId: null, suppressed: false, optOutSource: null, action: null, numberChangedHands: true }])
    const id = await replyId(phone)
    for (const [language, message] of [
      [
        'en',
        "Contact NEWGAL took this number after the reply came: opting the number out now would stop them, not the sender. To act on the reply, opt its sender out from the sender's own contact page",
      ],
      ['zh-CN', '联系人 NEWGAL 在这条回复之后才使用此号码:现在退订此号码会停发给该联系人,而不是回复者。如需按这条回复处理,请在回复者本人的联系人页面为其退订'],
    ] as const) {
      const refused = await app().inject({ method: 'POST', url: `/api/replies/${id}/opt-out`, headers: { 'accept-language': language } })
      expect(refused.statusCode).toBe(409)
      expect(refused.json()).toMatchObject({ error: 'reply_number_changed_hands', message })
    }
    expect(await listed(phone)).toEqual([{ text: '不需要', contactId: null, suppressed: false, optOutSource: null, action: null, numberChangedHands: true }])
    expect((await contact('NEWGAL')).optedOutAt).toBe(null)
  })

  it('a contact holding the number before the reply came is named, and its reply can be opted out', async () => {
    const phone = '+8613955558888'
    await imported('OLDHAND', '13955558888')
    await reply(phone, '不需要', NOW - 10 * MINUTE)
    expect(await listed(phone)).toEqual([{ text: '不需要', contactId: 'OLDHAND', suppressed: false, optOutSource: null, action: null, numberChangedHands: false }])
    expect((await app().inject({ method: 'POST', url: `/api/replies/${await replyId(phone)}/opt-out` })).json()).toEqual({ exited: 0, alreadySuppressed: false })
    expect(await listed(phone)).toEqual([{ text: '不需要', contactId: 'OLDHAND', suppressed: true, optOutSource: 'admin', action: 'opted_out', numberChangedHands: false }])
  })
})

// Found by an outside tester: the Contact column showed the business's id (demo-000024), not the name.
describe.each(DATABASE_KINDS)('a reply names its contact by name beside the id, on %s', (kind) => {
  const { app, reply } = useOptOutApp(kind, NOW)

  it('with a name attribute, and without one', async () => {
    await app().inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: [
        { id: 'demo-000024', phone: '+8613955559991', consent: true, attributes: { name: '张伟' } },
        { id: 'demo-000025', phone: '+8613955559992', consent: true },
      ],
    })
    await reply('+8613955559991', '你好', NOW - MINUTE)
    await reply('+8613955559992', '你好', NOW - MINUTE)
    const rows = (await app().inject({ method: 'GET', url: '/api/replies' })).json().replies as Record<string, unknown>[]
    expect(rows.filter((row) => String(row.phone).startsWith('+861395555999')).map(({ phone, contactId, contactName }) => ({ phone, contactId, contactName }))).toEqual([
      { phone: '+8613955559992', contactId: 'demo-000025', contactName: null },
      { phone: '+8613955559991', contactId: 'demo-000024', contactName: '张伟' },
    ])
  })
})

// Found by an outside tester: the Contact column showed the business's id (demo-000024), not the name.
describe.each(DATABASE_KINDS)('a reply names its contact by name beside the id, on %s', (kind) => {
  const { app, reply } = useOptOutApp(kind, NOW)

  it('with a name attribute, and without one', async () => {
    await app().inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: [
        { id: 'demo-000024', phone: '+8613955559991', consent: true, attributes: { name: '张伟' } },
        { id: 'demo-000025', phone: '+8613955559992', consent: true },
      ],
    })
    await reply('+8613955559991', '你好', NOW - MINUTE)
    await reply('+8613955559992', '你好', NOW - 2 * MINUTE)
    const rows = (await app().inject({ method: 'GET', url: '/api/replies' })).json().replies as Record<string, unknown>[]
    expect(rows.filter((row) => String(row.phone).startsWith('+861395555999')).map(({ phone, contactId, contactName }) => ({ phone, contactId, contactName }))).toEqual([
      { phone: '+8613955559991', contactId: 'demo-000024', contactName: '张伟' },
      { phone: '+8613955559992', contactId: 'demo-000025', contactName: null },
    ])
  })
})
