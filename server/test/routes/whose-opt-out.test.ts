import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { inboundMessages } from '../../src/db/schema/index'
import { DATABASE_KINDS } from '../support/databases'
import { useOptOutApp } from '../support/opt-out-harness'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000
const DAY = 86_400_000
const iso = (at: number) => new Date(at).toISOString()
const COLLEAGUE = 'Key maker (API key "tests")'

// Found by an outside tester: the contact page and the timeline said "the number is on the suppression
// list" whoever's opt-out it was, and never how it could be lifted.
describe.each(DATABASE_KINDS)('the contact API and the timeline say whose opt-out stops a contact, on %s', (kind) => {
  const { app, handedOver, dispatch, reply, events, imported } = useOptOutApp(kind, NOW)
  const detail = async (id: string) => {
    const { contact, enrollments } = (await app().inject({ method: 'GET', url: `/api/contacts/${id}` })).json()
    const { suppressed, numberSuppressed, optedOutAt, optOutSource, optedOutBy, numberOptOut } = contact
    const lines = enrollments.flatMap((enrollment: { journeyId: string; timeline: { kind: string; message: unknown }[] }) =>
      enrollment.timeline.map((line) => ({ journey: enrollment.journeyId, kind: line.kind, message: line.message })),
    )
    return { contact: { suppressed, numberSuppressed, optedOutAt, optOutSource, optedOutBy, numberOptOut }, lines }
  }
  const lastLine = async (id: string) => (await detail(id)).lines.at(-1)

  it("the person's own STOP: theirs, and the number's beside it; the exit names it, when and how they lift it", async () => {
    const phone = '+8613944450001'
    await imported('OWN-1', phone)
    await reply(phone, 'TD', NOW - 60 * MINUTE)
    expect((await events('OWN-1', 'visit')).statusCode).toBe(200)
    expect(await detail('OWN-1')).toEqual({
      contact: {
        suppressed: true,
        numberSuppressed: true,
        optedOutAt: iso(NOW - 60 * MINUTE),
        optOutSource: 'reply',
        optedOutBy: null,
        numberOptOut: { at: iso(NOW - 60 * MINUTE), source: 'reply', by: null },
      },
      lines: [
        { journey: 'win-back', kind: 'entered', message: { en: 'entered start (Event: visit)', zh: '进入 start(事件:visit)' } },
        { journey: 'win-back', kind: 'entered', message: { en: 'entered sms (Recall SMS · 1 part)', zh: '进入 sms(召回短信 · 1 条)' } },
        {
          journey: 'win-back',
          kind: 'exited',
          message: {
            en: 'exited: this person opted out at 2026-12-03 09:00 Asia/Shanghai by replying to opt out; it follows them to any number; their own START reply lifts it',
            zh: '退出:此人已于 2026年12月3日 09:00 Asia/Shanghai 回复退订;换用任何号码都有效;本人回复订阅可恢复',
          },
        },
      ],
    })
  })

  it("a number a colleague opted out before this person held it: the number's, naming the colleague, lifted by a colleague", async () => {
    const phone = '+8613944450002'
    await reply(phone, '不需要', NOW - 2 * DAY)
    const [asked] = await app().database.db.select({ id: inboundMessages.id }).from(inboundMessages).where(eq(inboundMessages.phone, phone))
    expect((await app().inject({ method: 'POST', url: `/api/replies/${asked?.id}/opt-out` })).statusCode).toBe(200)
    await imported('NEXT-1', phone)
    await events('NEXT-1', 'visit')
    expect((await detail('NEXT-1')).contact).toEqual({
      suppressed: true,
      numberSuppressed: true,
      optedOutAt: null,
      optOutSource: null,
      optedOutBy: null,
      numberOptOut: { at: iso(NOW), source: 'admin', by: COLLEAGUE },
    })
    expect((await lastLine('NEXT-1'))?.message).toEqual({
      en: `exited: not this person's own opt-out: their number was opted out at 2026-12-03 10:00 Asia/Shanghai (by ${COLLEAGUE}), before they held it or for another contact with it; a colleague can lift it on the Replies page after a START reply from the number`,
      zh: `退出:并非此人本人退订:此号码已于 2026年12月3日 10:00 Asia/Shanghai 被退订(由 Key maker(API 密钥"tests") 操作),早于此人使用该号码,或是为使用同一号码的其他联系人退订;此号码回复订阅后,可由同事在"回复"页面解除`,
    })
  })

  it("a message queued before another contact's import opted the shared number out is cancelled at sending with the number's reason", async () => {
    const phone = '+8613944450003'
    await imported('SHARES-1', phone)
    await events('SHARES-1', 'visit')
    const answer = await app().inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'SHARES-2', phone, consent: true, DNC: 'yes' }] })
    expect(answer.statusCode).toBe(200)
    const { numberOptOut } = (await detail('SHARES-1')).contact
    expect([numberOptOut.source, (await detail('SHARES-2')).contact.optOutSource, (await detail('SHARES-1')).contact.optOutSource]).toEqual(['import', 'import', null])
    handedOver.length = 0
    await dispatch()
    expect(handedOver).toEqual([])
    // Imported by the database's clock: the line gives that time in Beijing time.
    const local = new Date(Date.parse(numberOptOut.at) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
    const [, year, month, day, time] = /^(\d{4})-(\d\d)-(\d\d) (.*)$/.exec(local) ?? []
    expect(await lastLine('SHARES-1')).toEqual({
      journey: 'win-back',
      kind: 'cancelled',
      message: {
        en: `cancelled: not this person's own opt-out: their number was opted out at ${local} Asia/Shanghai (an import), before they held it or for another contact with it; a colleague can lift it on the Replies page after a START reply from the number`,
        zh: `已取消:并非此人本人退订:此号码已于 ${year}年${Number(month)}月${Number(day)}日 ${time} Asia/Shanghai 被退订(导入),早于此人使用该号码,或是为使用同一号码的其他联系人退订;此号码回复订阅后,可由同事在"回复"页面解除`,
      },
    })
  })
})
