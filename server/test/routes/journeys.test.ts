import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

const winBack = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days') as JourneyDocument

describe.each(DATABASE_KINDS)('journeys API on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('creates a draft from a template, lists it and returns it with no problems', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/journeys', payload: winBack })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ journey: { id: 'win-back-90-days', status: 'draft', liveVersion: null }, problems: [] })
    const list = await app.inject({ method: 'GET', url: '/api/journeys' })
    expect(list.json().journeys.map((journey: { id: string; status: string }) => [journey.id, journey.status])).toEqual([['win-back-90-days', 'draft']])
    expect((await app.inject({ method: 'GET', url: '/api/journeys/win-back-90-days' })).json().journey.draft).toEqual(winBack)
  })

  it('stores an unfinished draft with its problems but refuses to publish it, in Chinese when asked', async () => {
    const broken = structuredClone(winBack)
    broken.id = 'broken'
    broken.edges = broken.edges.filter((edge) => edge.source !== 'trigger')
    broken.nodes = broken.nodes.filter((node) => node.type !== 'trigger')
    const created = await app.inject({ method: 'POST', url: '/api/journeys', payload: broken })
    expect(created.json().problems.map((problem: { code: string }) => problem.code)).toContain('journey.no_trigger')
    const publish = await app.inject({ method: 'POST', url: '/api/journeys/broken/publish', headers: { 'accept-language': 'zh-CN,zh;q=0.9' }, payload: {} })
    expect(publish.statusCode).toBe(422)
    expect(publish.json()).toMatchObject({ error: 'journey_has_errors', message: '旅程存在错误,修正后才能发布' })
    expect(publish.json().problems).toContainEqual(expect.objectContaining({ code: 'journey.no_trigger', path: '/nodes', text: '旅程没有触发节点,联系人无法进入' }))
    const versions = await app.inject({ method: 'GET', url: '/api/journeys/broken/versions' })
    expect(versions.json()).toEqual({ versions: [] })
  })

  it('publishes immutable versions and keeps the old one readable', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/publish', payload: { note: 'first' } })
    expect(first.json()).toEqual({ version: 1, problems: [], contactsAtRemovedNodes: 0, migrated: 0, cancelledSchedule: null })
    const edited = structuredClone(winBack)
    edited.name = '90-day win-back v2 · 90天流失挽回 第二版'
    expect((await app.inject({ method: 'PUT', url: '/api/journeys/win-back-90-days/draft', payload: edited })).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/publish', payload: { note: 'rename' } })).json().version).toBe(2)
    const versions = (await app.inject({ method: 'GET', url: '/api/journeys/win-back-90-days/versions' })).json().versions
    expect(versions.map((version: { version: number; note: string }) => [version.version, version.note])).toEqual([
      [2, 'rename'],
      [1, 'first'],
    ])
    expect((await app.inject({ method: 'GET', url: '/api/journeys/win-back-90-days/versions/1' })).json().document.name).toBe(winBack.name)
    expect((await app.inject({ method: 'GET', url: '/api/journeys/win-back-90-days' })).json().journey).toMatchObject({ status: 'live', liveVersion: 2 })
  })

  it('pauses, resumes and archives; an archived journey is read-only', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/pause' })).json().journey.status).toBe('paused')
    expect((await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/resume' })).json().journey.status).toBe('live')
    expect((await app.inject({ method: 'POST', url: '/api/journeys/win-back-90-days/archive' })).json().journey.status).toBe('archived')
    const edit = await app.inject({ method: 'PUT', url: '/api/journeys/win-back-90-days/draft', payload: winBack })
    expect(edit.statusCode).toBe(409)
    expect(edit.json()).toMatchObject({ error: 'journey_archived', message: 'An archived journey cannot be edited' })
  })

  it('refuses malformed input with the field named and writes nothing', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/journeys',
      payload: {
        ...winBack,
        id: 'bad-types',
        nodes: [{ id: 'x', type: 'wait', position: { x: 0, y: 0 }, data: { mode: 'duration', duration: { amount: 'three', unit: 'days' } } }],
      },
    })
    expect(malformed.statusCode).toBe(201)
    expect(malformed.json().problems).toContainEqual(expect.objectContaining({ code: 'schema.type', path: '/nodes/0/data/duration/amount' }))
    const notADocument = await app.inject({ method: 'POST', url: '/api/journeys', payload: { name: 'no id' } })
    expect(notADocument.statusCode).toBe(400)
    expect(notADocument.json().problems.map((problem: { path: string }) => problem.path)).toEqual(['/schemaVersion', '/id', '/description', '/settings', '/nodes', '/edges'])
    const badVersion = await app.inject({ method: 'GET', url: '/api/journeys/win-back-90-days/versions/abc', headers: { 'accept-language': 'zh-CN' } })
    expect(badVersion.statusCode).toBe(400)
    expect(badVersion.json()).toMatchObject({ error: 'invalid_request', message: '版本格式不正确', problems: [expect.objectContaining({ path: '/params/version' })] })
    const badJson = await app.inject({ method: 'POST', url: '/api/journeys', headers: { 'content-type': 'application/json' }, payload: '{"id": ' })
    expect(badJson.statusCode).toBe(400)
    expect((await app.inject({ method: 'GET', url: '/api/journeys/nope' })).json()).toMatchObject({ error: 'journey_not_found', message: 'No journey "nope"' })
    const ids = (await app.inject({ method: 'GET', url: '/api/journeys' })).json().journeys.map((journey: { id: string }) => journey.id)
    expect(ids.sort()).toEqual(['bad-types', 'broken', 'win-back-90-days'])
  })

  it('serves its OpenAPI description', async () => {
    const openapi = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    expect(openapi.openapi).toMatch(/^3\./)
    expect(Object.keys(openapi.paths)).toContain('/api/journeys/{id}/publish')
  })
})
