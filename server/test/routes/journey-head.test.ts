import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { signIn } from '../approvals/fixture'
import { useTestApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument
const url = '/api/journeys/abandoned-cart'

/** What an open editor polls to notice a colleague's save or publish: revisions and names, no documents. */
describe.each(DATABASE_KINDS)('where a journey stands (GET /journeys/:id/head) on %s', (kind) => {
  const app = useTestApp(kind, async (app) => {
    expect((await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })).statusCode).toBe(201)
  })

  it('follows the draft revision with who saved it, and the live version with who published it and when', async () => {
    const head = async () => {
      const answer = await app().inject({ method: 'GET', url: `${url}/head` })
      const { published, ...rest } = answer.json()
      return [answer.statusCode, answer.headers.etag, rest, published && { ...published, at: typeof published.at }]
    }
    expect(await head()).toEqual([200, '"1"', { status: 'draft', draftRevision: 1, draftSavedBy: null, liveVersion: null }, null])

    const ada = await signIn(app(), 'Ada', 'editor')
    const saved = await app().inject({ method: 'PUT', url: `${url}/draft`, headers: { ...ada.headers, 'if-match': '"1"' }, payload: { ...cart, name: 'Ada’s cart' } })
    expect(saved.statusCode).toBe(200)
    expect(await head()).toEqual([200, '"2"', { status: 'draft', draftRevision: 2, draftSavedBy: 'Ada', liveVersion: null }, null])

    const published = await app().inject({ method: 'POST', url: `${url}/publish`, headers: { ...ada.headers, 'if-match': '"2"' }, payload: { note: 'first' } })
    expect(published.statusCode).toBe(200)
    expect(await head()).toEqual([200, '"2"', { status: 'live', draftRevision: 2, draftSavedBy: 'Ada', liveVersion: 1 }, { version: 1, by: 'Ada', at: 'string' }])
    // The answer carries no document: polling it every few seconds stays cheap.
    expect(Object.keys((await app().inject({ method: 'GET', url: `${url}/head` })).json()).sort()).toEqual(['draftRevision', 'draftSavedBy', 'liveVersion', 'published', 'status'])
  })

  it('refuses a journey that does not exist with 404 at /params/id, in English and Chinese', async () => {
    const missing = await app().inject({ method: 'GET', url: '/api/journeys/nope/head', headers: { 'accept-language': 'zh-CN' } })
    expect([missing.statusCode, missing.json().error, missing.json().message, missing.json().problems.map((problem: { path: string }) => problem.path)]).toEqual([
      404,
      'journey_not_found',
      '旅程 "nope" 不存在',
      ['/params/id'],
    ])
    const english = await app().inject({ method: 'GET', url: '/api/journeys/nope/head' })
    expect(english.json().message).toBe('No journey "nope"')
  })
})
