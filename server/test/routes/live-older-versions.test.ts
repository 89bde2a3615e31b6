import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument
/** v2 waits two days instead of one: its wait node has another id. */
const twoDays: JourneyDocument = {
  ...cart,
  nodes: cart.nodes.map((node) =>
    node.id === 'wait-1-day' ? { ...node, id: 'wait-2-days', data: { mode: 'duration', duration: { amount: 2, unit: 'days' } } } : node,
  ) as JourneyDocument['nodes'],
  edges: cart.edges.map((edge) => ({
    ...edge,
    source: edge.source === 'wait-1-day' ? 'wait-2-days' : edge.source,
    target: edge.target === 'wait-1-day' ? 'wait-2-days' : edge.target,
  })),
}
const HOUR = 3_600_000

describe.each(DATABASE_KINDS)('contacts left on older versions in the live view on %s', (kind) => {
  let app: FastifyInstance
  let now = Date.parse('2026-11-24T10:00:00+08:00')
  const enter = async (ids: string[]) => {
    await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: ids.map((id, index) => ({ id, phone: `1391234${String(index).padStart(4, '0')}${id.length}`.slice(0, 11), consent: true })),
    })
    await app.inject({ method: 'POST', url: '/api/events', payload: ids.map((id) => ({ contactId: id, name: 'cart_added' })) })
  }
  const stats = async () => (await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/stats' })).json()
  const waitingAt = async (query: string, language = 'en') =>
    app.inject({ method: 'GET', url: `/api/journeys/abandoned-cart/nodes/${query}`, headers: { 'accept-language': language } })
  /** Who is listed, on which version (in enrollment id order, which is random: sorted here). */
  const ids = (response: { json(): { contacts: { externalId: string; version: number }[] } }) =>
    response
      .json()
      .contacts.map((contact) => `${contact.externalId}@v${contact.version}`)
      .sort()

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
    // Three on v1 reach its one-day wait; two more wait for an order on v1.
    await enter(['A-1', 'A-2', 'A-3'])
    now += HOUR
    await app.runner.processDue()
    await enter(['A-4', 'A-5'])
    await app.inject({ method: 'PUT', url: '/api/journeys/abandoned-cart/draft', payload: twoDays })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: { note: 'two days' } })
    // Two enter v2; v1's contacts stay on v1.
    await enter(['B-1', 'B-2'])
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('counts on the nodes only the live version’s contacts, and lists the older version with its own counts', async () => {
    const versions = (await app.inject({ method: 'GET', url: '/api/journeys/abandoned-cart/versions' })).json().versions as { version: number; publishedAt: string }[]
    const snapshot = await stats()
    expect({ live: snapshot.liveVersion, older: snapshot.olderVersions }).toEqual({
      live: 2,
      older: [{ version: 1, publishedAt: versions.find((row) => row.version === 1)?.publishedAt, active: 5, nodes: { 'wait-1-day': 3, 'wait-for-order': 2 } }],
    })
    // Nobody on v2 has reached its wait yet, and v1's three at its own wait are not drawn on v2.
    expect([snapshot.nodes['wait-for-order'].active, snapshot.nodes['wait-1-day'], snapshot.nodes['wait-2-days'], snapshot.totals.active]).toEqual([2, undefined, undefined, 7])
  })

  it('lists the contacts of one version at a node with ?version=N, and every version without it', async () => {
    expect(ids(await waitingAt('wait-for-order/contacts?version=2'))).toEqual(['B-1@v2', 'B-2@v2'])
    expect(ids(await waitingAt('wait-for-order/contacts?version=1'))).toEqual(['A-4@v1', 'A-5@v1'])
    expect(ids(await waitingAt('wait-1-day/contacts?version=1'))).toEqual(['A-1@v1', 'A-2@v1', 'A-3@v1'])
    expect(ids(await waitingAt('wait-for-order/contacts'))).toEqual(['A-4@v1', 'A-5@v1', 'B-1@v2', 'B-2@v2'])
  })

  it('refuses a version that is not a number with 400 naming the field, in English and Chinese', async () => {
    for (const bad of ['0', 'abc', '1.5', '-1', '01', '1234567890']) {
      const response = await waitingAt(`wait-for-order/contacts?version=${bad}`)
      expect([bad, response.statusCode, response.json()]).toEqual([
        bad,
        400,
        {
          error: 'invalid_request',
          message: 'Version has the wrong format',
          problems: [expect.objectContaining({ code: 'schema.pattern', path: '/querystring/version', text: 'Version has the wrong format' })],
        },
      ])
    }
    expect((await waitingAt('wait-for-order/contacts?version=x', 'zh-CN')).json()).toMatchObject({ error: 'invalid_request', message: '版本格式不正确' })
  })

  it('answers any version text with the contacts, 404, or 400 at /querystring/version: never another status', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 12 }).map(String), fc.stringMatching(/^[0-9]{1,12}$/)), async (text) => {
        const response = await waitingAt(`wait-for-order/contacts?version=${encodeURIComponent(text)}`)
        if (/^[1-9][0-9]{0,8}$/.test(text)) expect([200, 404]).toContain(response.statusCode)
        else expect([response.statusCode, response.json().problems.map((problem: { path: string }) => problem.path)]).toEqual([400, ['/querystring/version']])
      }),
      { numRuns: 60 },
    )
  })

  it('answers 404 for a version the journey does not have, or a node that version does not have, in English and Chinese', async () => {
    const missing = await waitingAt('wait-for-order/contacts?version=9')
    expect([missing.statusCode, missing.json().error, missing.json().message, missing.json().problems[0].path]).toEqual([
      404,
      'version_not_found',
      'Journey "abandoned-cart" has no version 9',
      '/querystring/version',
    ])
    const notInV1 = await waitingAt('wait-2-days/contacts?version=1')
    expect([notInV1.statusCode, notInV1.json().error, notInV1.json().message]).toEqual([404, 'node_not_found', 'Version 1 of journey "abandoned-cart" has no node "wait-2-days"'])
    expect((await waitingAt('wait-2-days/contacts?version=1', 'zh-CN')).json().message).toBe('旅程 "abandoned-cart" 的第 1 版中没有节点 "wait-2-days"')
    expect((await waitingAt('wait-2-days/contacts?version=2')).statusCode).toBe(200)
  })

  it('moves the contacts in flight onto a version published with migrate, leaving on v1 only those whose node it removed', async () => {
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: { migrate: true } })
    const snapshot = await stats()
    expect([snapshot.liveVersion, snapshot.olderVersions.map((older: { version: number; active: number; nodes: unknown }) => [older.version, older.active, older.nodes])]).toEqual([
      3,
      [[1, 3, { 'wait-1-day': 3 }]],
    ])
    expect([snapshot.nodes['wait-for-order'].active, snapshot.totals.active]).toEqual([4, 7])
  })
})
