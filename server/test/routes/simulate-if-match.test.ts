import { describe, expect, it } from 'vitest'
import { DATABASE_KINDS } from '../support/databases'
import { refusal, cartUrl as url, useAppWithNewerDraft } from '../support/newer-draft'

const sample = { count: 5, clickRate: 0.3, orderRate: 0.1, redeemRate: 0.1, start: '2026-12-01T00:00:00+08:00', days: 1 }

/**
 * Simulate names the draft revision the person sees, as publish does: the results of a colleague's
 * newer draft would otherwise be read as those of the draft on screen.
 */
describe.each(DATABASE_KINDS)('simulating the draft revision seen (If-Match) on %s', (kind) => {
  const app = useAppWithNewerDraft(kind)
  const simulate = (headers: Record<string, string>) => app().inject({ method: 'POST', url: `${url}/simulations`, headers, payload: sample })

  it('refuses an older revision than the draft with 412 draft_changed naming who saved it, in English and Chinese', async () => {
    const text = 'Ada saved a newer draft: reload it before simulating it'
    expect(refusal(await simulate({ 'if-match': '"1"' }))).toEqual([412, 'draft_changed', text, [['draft_changed', '/headers/if-match', text]]])
    const zh = 'Ada 保存了更新的草稿:请重新载入后再模拟'
    expect(refusal(await simulate({ 'if-match': 'W/"1"', 'accept-language': 'zh-CN' }))).toEqual([412, 'draft_changed', zh, [['draft_changed', '/headers/if-match', zh]]])
    // A revision never saved is not "newer": it says which one the draft is at.
    expect(refusal(await simulate({ 'if-match': '"9"' })).slice(0, 3)).toEqual([412, 'draft_changed', 'The draft is at revision 2, not 9: reload it before simulating it'])
    const junk = 'If-Match must be the ETag of the draft, e.g. "3"'
    expect(refusal(await simulate({ 'if-match': 'latest' }))).toEqual([400, 'invalid_if_match', junk, [['invalid_if_match', '/headers/if-match', junk]]])
  })

  it('simulates the revision named, and without If-Match (or with *) whatever draft is stored', async () => {
    const answers = [await simulate({ 'if-match': '"2"' }), await simulate({ 'if-match': '*' }), await simulate({})]
    expect(answers.map((answer) => [answer.statusCode, answer.json().status])).toEqual([
      [202, 'running'],
      [202, 'running'],
      [202, 'running'],
    ])
    // Each run is let finish, so none is left holding worker threads when the app closes.
    for (const answer of answers) {
      for (;;) {
        const run = (await app().inject({ method: 'GET', url: `/api/simulations/${answer.json().id}` })).json()
        if (run.status !== 'running') {
          expect([run.status, run.result.contacts]).toEqual(['done', 5])
          break
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
  })
})
