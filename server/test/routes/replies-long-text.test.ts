import { describe, expect, it } from 'vitest'
import { REPLY_TEXT_LIMIT, receiveReply } from '../../src/replies/replies'
import { DATABASE_KINDS } from '../support/databases'
import { useOptOutApp } from '../support/opt-out-harness'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')

// Found by an outside tester: a 900,000-character reply was stored and shown in full (the page took 16 s).
describe.each(DATABASE_KINDS)('a reply longer than any SMS keeps its first 1,600 characters and says how many more it had, on %s', (kind) => {
  const { app } = useOptOutApp(kind, NOW)
  // The harness's reply ids hold the text: these carry short ones, as a cloud's do.
  const reply = (phone: string, text: string, at: number) => receiveReply(app().database.db, { provider: 'sandbox', providerMessageId: `long-${phone}`, phone, text, at })
  const listed = async (phone: string) =>
    ((await app().inject({ method: 'GET', url: '/api/replies' })).json().replies as { phone: string; text: string; textCut: number; action: string | null }[])
      .filter((row) => row.phone === phone)
      .map(({ text, textCut, action }) => ({ length: text.length, start: text.slice(0, 4), textCut, action }))

  it('900,000 characters: 1,600 kept, 898,400 cut, read as the start says', async () => {
    await reply('+8613999990001', `不需要${'x'.repeat(899_997)}`, NOW)
    expect(REPLY_TEXT_LIMIT).toBe(1_600)
    expect(await listed('+8613999990001')).toEqual([{ length: 1_600, start: '不需要x', textCut: 898_400, action: null }])
  })

  it('emoji are cut whole: 1,700 of them keep 1,600 (3,200 UTF-16 units), 100 cut; a reply at the limit is kept whole', async () => {
    await reply('+8613999990002', '😀'.repeat(1_700), NOW)
    await reply('+8613999990003', `T${' '.repeat(1_599)}`, NOW)
    expect(await listed('+8613999990002')).toEqual([{ length: 3_200, start: '😀😀', textCut: 100, action: null }])
    expect(await listed('+8613999990003')).toEqual([{ length: 1_600, start: 'T   ', textCut: 0, action: 'opted_out' }])
  })
})
