import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { and, eq, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { journeyDraftRevisions } from '../../src/db/schema/index'
import { accessRepository } from '../../src/repositories/access'
import { DRAFT_REVISIONS_KEPT } from '../../src/repositories/draft-history'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { keyMaker } from '../support/keys'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument

/** A refusal's problems as compared here: code, path, node and text. */
const problemsOf = (body: { problems: { code: string; path: string; nodeId?: string; text: string }[] }) =>
  body.problems.map((problem) => [problem.code, problem.path, problem.nodeId, problem.text])

/** The abandoned-cart journey with a node's data changed. */
function withNode(document: JourneyDocument, nodeId: string, data: object): JourneyDocument {
  return { ...document, nodes: document.nodes.map((node) => (node.id === nodeId ? ({ ...node, data: { ...node.data, ...data } } as typeof node) : node)) }
}

/** Reads server-sent events one message at a time. */
function eventReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  return async () => {
    const { value } = await reader.read()
    return JSON.parse(new TextDecoder().decode(value).replace(/^data: /, ''))
  }
}

describe.each(DATABASE_KINDS)('draft revisions and presence on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('refuses a save against an older revision with who saved and what differs, and saves against the current one', async () => {
    const opened = await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart' })
    expect(opened.headers.etag).toBe('"1"')
    const theirs = structuredClone(cart)
    const reminder = theirs.nodes.find((node) => node.id === 'cart-reminder') as { data: { text: string } }
    reminder.data.text = '购物车里的宝贝还在等你'
    const first = await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/draft', headers: { 'if-match': '"1"' }, payload: theirs })
    expect([first.statusCode, first.headers.etag, first.json().journey.draftRevision, first.json().journey.draftSavedBy]).toEqual([200, '"2"', 2, 'Key maker (API key "tests")'])

    const mine = structuredClone(cart)
    mine.name = 'Mine'
    const stale = await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/draft', headers: { 'if-match': '"1"', 'accept-language': 'zh-CN' }, payload: mine })
    expect(stale.statusCode).toBe(412)
    const body = stale.json()
    expect(body.error).toBe('draft_changed')
    expect(body.message).toMatch(/^Key maker\(API 密钥"tests"\) 在 \d{4}-\d\d-\d\d \d\d:\d\d UTC 保存了此草稿\(第 2 版\),晚于你打开它的时间$/)
    // First what was refused and where (the revision If-Match named), then what they changed since revision 1, then what this save changes: the name is mine, not theirs.
    expect(problemsOf(body)).toEqual([
      ['draft_changed', '/headers/if-match', undefined, body.message],
      ['changed_elsewhere', `/nodes/${cart.nodes.findIndex((node) => node.id === 'cart-reminder')}`, 'cart-reminder', '对方修改了"cart-reminder"'],
      ['changed_here', '/settings', undefined, '你修改了旅程名称或设置'],
    ])
    // Nothing was written by the refused save.
    expect((await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart' })).json().journey.draft.name).toBe(cart.name)

    const overwrite = await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/draft', headers: { 'if-match': '"2"' }, payload: mine })
    expect([overwrite.statusCode, overwrite.headers.etag]).toEqual([200, '"3"'])
    // Scripts that send no If-Match keep saving unconditionally.
    expect((await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/draft', payload: cart })).headers.etag).toBe('"4"')
    const junk = await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/draft', headers: { 'if-match': 'yesterday' }, payload: cart })
    expect([junk.statusCode, junk.json().message]).toEqual([400, 'If-Match must be the ETag of the draft, e.g. "3"'])
  })

  it('lists only what they changed since the revision this save started from, and this save’s own changes apart, also where both changed one node', async () => {
    await app.inject({ method: 'POST', url: '/api/journeys', payload: { ...cart, id: 'both-edit' } })
    const base = { ...cart, id: 'both-edit' }
    const draftUrl = '/api/journeys/both-edit/draft'
    // Mine is saved first (revision 2); theirs (revision 3) starts from it and changes the wait and the reminder.
    const minePrevious = withNode(base, 'wait-1-day', { duration: { amount: 2, unit: 'days' } })
    expect((await app.inject({ method: 'PUT', url: draftUrl, headers: { 'if-match': '"1"' }, payload: minePrevious })).statusCode).toBe(200)
    const theirs = withNode(withNode(minePrevious, 'wait-1-day', { duration: { amount: 3, unit: 'days' } }), 'cart-reminder', { text: '购物车里的宝贝还在等你' })
    expect((await app.inject({ method: 'PUT', url: draftUrl, headers: { 'if-match': '"2"' }, payload: theirs })).statusCode).toBe(200)
    // My next edit, still from revision 2: the wait again.
    const mine = { ...withNode(minePrevious, 'wait-1-day', { duration: { amount: 4, unit: 'days' } }) }
    const stale = await app.inject({ method: 'PUT', url: draftUrl, headers: { 'if-match': '"2"' }, payload: mine })
    const at = (id: string, document: JourneyDocument) => `/nodes/${document.nodes.findIndex((node) => node.id === id)}`
    expect(problemsOf(stale.json())).toEqual([
      ['draft_changed', '/headers/if-match', undefined, stale.json().message],
      ['changed_elsewhere', at('cart-reminder', theirs), 'cart-reminder', 'They changed "cart-reminder"'],
      ['changed_elsewhere', at('wait-1-day', theirs), 'wait-1-day', 'They changed "wait-1-day"'],
      ['changed_here', at('wait-1-day', mine), 'wait-1-day', 'You changed "wait-1-day"'],
    ])

    // The revision this save started from is no longer kept: what differs is said without saying who changed it.
    await app.database.db.delete(journeyDraftRevisions).where(and(eq(journeyDraftRevisions.journeyId, 'both-edit'), eq(journeyDraftRevisions.revision, 2)))
    const unknownBase = await app.inject({ method: 'PUT', url: draftUrl, headers: { 'if-match': '"2"', 'accept-language': 'zh-CN' }, payload: mine })
    expect(problemsOf(unknownBase.json()).slice(1)).toEqual([
      ['changed_elsewhere', at('cart-reminder', theirs), 'cart-reminder', '与你的不同:"cart-reminder"'],
      ['changed_elsewhere', at('wait-1-day', theirs), 'wait-1-day', '与你的不同:"wait-1-day"'],
    ])
  })

  it('keeps the last draft revisions of a journey, each with who saved it', async () => {
    await app.inject({ method: 'POST', url: '/api/journeys', payload: { ...cart, id: 'many-saves' } })
    for (let save = 1; save <= DRAFT_REVISIONS_KEPT + 2; save += 1) {
      const answer = await app.inject({ method: 'PUT', url: '/api/journeys/many-saves/draft', payload: { ...cart, id: 'many-saves', name: `Save ${save}` } })
      expect(answer.statusCode).toBe(200)
    }
    const kept = await app.database.db
      .select({ revision: journeyDraftRevisions.revision, name: sql<string>`${journeyDraftRevisions.document} ->> 'name'`, savedBy: journeyDraftRevisions.savedBy })
      .from(journeyDraftRevisions)
      .where(eq(journeyDraftRevisions.journeyId, 'many-saves'))
      .orderBy(journeyDraftRevisions.revision)
    const last = DRAFT_REVISIONS_KEPT + 3
    expect([kept.length, kept[0], kept.at(-1)]).toEqual([
      DRAFT_REVISIONS_KEPT,
      { revision: last - DRAFT_REVISIONS_KEPT + 1, name: `Save ${last - DRAFT_REVISIONS_KEPT}`, savedBy: 'Key maker (API key "tests")' },
      { revision: last, name: `Save ${last - 1}`, savedBy: 'Key maker (API key "tests")' },
    ])
    // Deleting the journey takes its revisions with it.
    expect((await app.inject({ method: 'DELETE', url: '/api/journeys/many-saves' })).statusCode).toBe(204)
    expect(await app.database.db.select().from(journeyDraftRevisions).where(eq(journeyDraftRevisions.journeyId, 'many-saves'))).toEqual([])
  })

  it('tells every open editor who else has the journey open and each new revision', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const access = accessRepository(app.database.db)
    const maker = await keyMaker(app.database.db)
    const wang = (await access.createApiKey('王丽', ['journeys:write', 'journeys:read'], maker)).secret
    const li = (await access.createApiKey('Li Na', ['journeys:read'], maker)).secret
    const abort = new AbortController()
    const open = (secret: string) => fetch(`${address}/api/journeys/abandoned-cart/presence`, { headers: { authorization: `Bearer ${secret}` }, signal: abort.signal })
    const first = eventReader(await open(wang))
    // A key is told as its maker's: its own name is free text.
    const wangKey = 'Key maker (API key "王丽")'
    const liKey = 'Key maker (API key "Li Na")'
    const seen = (message: { editors: { name: string; viewing: boolean }[] }) => message.editors.map(({ name, viewing }) => [name, viewing])
    expect(seen(await first())).toEqual([[wangKey, false]])
    // A key that may only read is there to look, not to edit.
    const second = eventReader(await open(li))
    expect(seen(await second())).toEqual([
      [wangKey, false],
      [liKey, true],
    ])
    expect(seen(await first())).toEqual([
      [wangKey, false],
      [liKey, true],
    ])
    await fetch(`${address}/api/journeys/abandoned-cart/draft`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${wang}`, 'content-type': 'application/json' },
      body: JSON.stringify(cart),
    })
    expect(await second()).toMatchObject({ revision: 5, savedBy: wangKey })
    abort.abort()
  })

  it('tells the open editors at once when the journey is archived or deleted elsewhere', async () => {
    const address = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
    const secret = (await accessRepository(app.database.db).createApiKey('王丽', ['journeys:write', 'journeys:read'], await keyMaker(app.database.db))).secret
    const headers = { authorization: `Bearer ${secret}` }
    const abort = new AbortController()
    const watch = async (id: string) => eventReader(await fetch(`${address}/api/journeys/${id}/presence`, { headers, signal: abort.signal }))
    const draft = { ...cart, id: 'never-published', name: 'Never published' }
    await app.inject({ method: 'POST', url: '/api/journeys', payload: draft })
    const deleting = await watch('never-published')
    expect((await deleting()).ended).toBeUndefined()
    expect((await app.inject({ method: 'DELETE', url: '/api/journeys/never-published' })).statusCode).toBe(204)
    expect((await deleting()).ended).toBe('deleted')

    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
    const archiving = await watch('abandoned-cart')
    await archiving()
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/archive' })
    expect((await archiving()).ended).toBe('archived')
    // Who opens it later hears it too.
    expect((await (await watch('abandoned-cart'))()).ended).toBe('archived')
    abort.abort()
  })
})
