import { beforeAll, describe, expect, it } from 'vitest'
import { receiveReply } from '../../src/replies/replies'
import { useTestApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

const SENT = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000

interface Page {
  replies: { id: number; text: string; receivedAt: string }[]
  next: string | null
}

describe.each(DATABASE_KINDS)('the replies list in the order the replies were sent, on %s', (kind) => {
  const app = useTestApp(kind)
  const page = async (query: string): Promise<Page> => (await app().inject({ method: 'GET', url: `/api/replies?${query}` })).json()
  const shown = (found: Page) => found.replies.map((reply) => [reply.text, reply.receivedAt])
  const at = (minutes: number) => new Date(SENT + minutes * MINUTE).toISOString()

  beforeAll(async () => {
    // Received in this order; sent in another: a late push carries an earlier time, two share one.
    const replies: [string, number][] = [
      ['first in, sent at +5', 5],
      ['second in, sent at +1', 1],
      ['third in, sent at +5 too', 5],
      ['fourth in, sent at +3', 3],
      ['fifth in, pushed late, sent at -10', -10],
    ]
    for (const [index, [text, minutes]] of replies.entries())
      await receiveReply(app().database.db, { provider: 'sandbox', providerMessageId: `o-${index}`, phone: `+861381234900${index}`, text, at: SENT + minutes * MINUTE })
  })

  it('lists them by their own time, newest first, the later id first on a tie, and pages on in that order with `before`', async () => {
    const first = await page('limit=2')
    expect(shown(first)).toEqual([
      ['third in, sent at +5 too', at(5)],
      ['first in, sent at +5', at(5)],
    ])
    expect(first.next).toBe(String(first.replies[1]?.id))
    const second = await page(`limit=2&before=${first.next}`)
    expect(shown(second)).toEqual([
      ['fourth in, sent at +3', at(3)],
      ['second in, sent at +1', at(1)],
    ])
    const third = await page(`limit=2&before=${second.next}`)
    expect(shown(third)).toEqual([['fifth in, pushed late, sent at -10', at(-10)]])
    const past = await page(`limit=2&before=${third.next}`)
    expect(past).toEqual({ replies: [], next: null })
  })

  it('pages the replies that need review in the same order', async () => {
    const first = await page('review=true&limit=3')
    expect(shown(first).map(([text]) => text)).toEqual(['third in, sent at +5 too', 'first in, sent at +5', 'fourth in, sent at +3'])
    expect(shown(await page(`review=true&limit=3&before=${first.next}`)).map(([text]) => text)).toEqual(['second in, sent at +1', 'fifth in, pushed late, sent at -10'])
  })

  it('refuses a `before` that names no reply with 400 reply_cursor_unknown, in English and Chinese', async () => {
    const en = await app().inject({ method: 'GET', url: '/api/replies?before=987654' })
    const enText = 'No reply has the id 987654 given in "before": page on with the "next" of the page before'
    const zhText = '"before" 中的 987654 不是任何回复的编号:请用上一页答复中的 "next" 继续翻页'
    const problem = { code: 'reply_cursor_unknown', severity: 'error', path: '/querystring/before', message: { en: enText, zh: zhText } }
    expect([en.statusCode, en.json()]).toEqual([400, { error: 'reply_cursor_unknown', message: enText, problems: [{ ...problem, text: enText }] }])
    const zh = await app().inject({ method: 'GET', url: '/api/replies?before=987654', headers: { 'accept-language': 'zh-CN' } })
    expect([zh.statusCode, zh.json()]).toEqual([400, { error: 'reply_cursor_unknown', message: zhText, problems: [{ ...problem, text: zhText }] }])
  })
})
