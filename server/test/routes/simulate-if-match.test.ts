import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { signIn } from '../approvals/fixture'
import { useTestApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument
const url = '/api/journeys/abandoned-cart'
const sample = { count: 5, clickRate: 0.3, orderRate: 0.1, redeemRate: 0.1, start: '2026-12-01T00:00:00+08:00', days: 1 }

/**
 * Simulate names the draft revision the person sees, as publish does: the results of a colleague's
 * newer draft would otherwise be read as those of the draft on screen.
 */
describe.each(DATABASE_KINDS)('simulating the draft revision seen (If-Match) on %s', (kind) => {
  const app = useTestApp(kind, async (app) => {
    expect((await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })).statusCode).toBe(201)
    // Ada saves revision 2 over the revision 1 everyone else opened.
    const ada = await signIn(app, 'Ada', 'editor')
    const saved = await app.inject({ method: 'PUT', url: `${url}/draft`, headers: { ...ada.headers, 'if-match': '"1"' }, payload: { ...cart, name: 'Ada’s cart' } })
    expect([saved.statusCode, saved.headers.etag]).toEqual([200, '"2"'])
  })
  const refusal = (answer: { statusCode: number; json(): { error: string; message: string; problems: { code: string; path: string; text: string }[] } }) => {
    const { error, message, problems } = answer.json()
    return [answer.statusCode, error, message, problems.map((problem) => [problem.code, problem.path, problem.text])]
  }
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
