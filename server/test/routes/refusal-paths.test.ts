import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import type { InjectOptions } from 'fastify'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument

/**
 * A refusal about something the request named (a URL parameter, a body field) says where, as field
 * errors do: one problem with the refusal's code at that path, in the request's language.
 */
describe.each(DATABASE_KINDS)('where refusals are, on %s', (kind) => {
  const testApp = useTestApp(kind, async (app) => {
    expect((await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })).statusCode).toBe(201)
  })

  /** Status, code, and each problem as [code, path, text]. */
  async function refusal(request: InjectOptions, language = 'en') {
    const answer = await testApp().inject({ ...request, headers: { ...request.headers, 'accept-language': language } })
    const body = answer.json()
    return [answer.statusCode, body.error, body.problems.map((problem: { code: string; path: string; text: string }) => [problem.code, problem.path, problem.text])]
  }

  it('puts a journey the address names but that does not exist at /params/id, on every route that looks it up', async () => {
    const missing = [404, 'journey_not_found', [['journey_not_found', '/params/id', 'No journey "nope"']]]
    expect(await refusal({ method: 'GET', url: '/api/journeys/nope' })).toEqual(missing)
    expect(await refusal({ method: 'PUT', url: '/api/journeys/nope/tags', payload: { tags: ['vip'] } })).toEqual(missing)
    expect(await refusal({ method: 'GET', url: '/api/journeys/nope/forecast' })).toEqual(missing)
    expect(await refusal({ method: 'GET', url: '/api/journeys/nope/nodes/wait/contacts' })).toEqual(missing)
    expect(await refusal({ method: 'GET', url: '/api/journeys/nope' }, 'zh-CN')).toEqual([404, 'journey_not_found', [['journey_not_found', '/params/id', '旅程 "nope" 不存在']]])
  })

  it('puts a missing version, node or approval at its own parameter', async () => {
    expect(await refusal({ method: 'GET', url: '/api/journeys/abandoned-cart/versions/9' })).toEqual([
      404,
      'version_not_found',
      [['version_not_found', '/params/version', 'Journey "abandoned-cart" has no version 9']],
    ])
    expect(await refusal({ method: 'GET', url: '/api/journeys/abandoned-cart/nodes/wait-1-dya/contacts' })).toEqual([
      404,
      'node_not_found',
      [['node_not_found', '/params/nodeId', 'Journey "abandoned-cart" has no node "wait-1-dya"']],
    ])
    expect(await refusal({ method: 'GET', url: '/api/journeys/abandoned-cart/approvals/nope' })).toEqual([
      404,
      'approval_not_found',
      [['approval_not_found', '/params/approvalId', 'No submission "nope" for this journey']],
    ])
  })

  it('puts a body whose id disagrees or is taken at /body/id', async () => {
    expect(await refusal({ method: 'PUT', url: '/api/journeys/other/draft', payload: cart })).toEqual([
      400,
      'journey_id_mismatch',
      [['journey_id_mismatch', '/body/id', 'The document\'s id "abandoned-cart" does not match "other"']],
    ])
    expect(await refusal({ method: 'POST', url: '/api/journeys', payload: cart })).toEqual([
      409,
      'journey_exists',
      [['journey_exists', '/body/id', 'A journey with id "abandoned-cart" already exists']],
    ])
  })

  it('puts a missing user or API key at /params/id and a taken email at /body/email', async () => {
    expect(await refusal({ method: 'DELETE', url: '/api/users/nobody' })).toEqual([404, 'user_not_found', [['user_not_found', '/params/id', 'No such user']]])
    expect(await refusal({ method: 'PUT', url: '/api/users/nobody/role', payload: { role: 'editor' } }, 'zh-CN')).toEqual([
      404,
      'user_not_found',
      [['user_not_found', '/params/id', '用户不存在']],
    ])
    expect(await refusal({ method: 'DELETE', url: '/api/api-keys/nobody' })).toEqual([404, 'api_key_not_found', [['api_key_not_found', '/params/id', 'No such active API key']]])
    const user = { email: 'ada@shop.example', name: 'Ada', role: 'editor', password: 'long-password-1' }
    expect((await testApp().inject({ method: 'POST', url: '/api/users', payload: user })).statusCode).toBe(201)
    expect(await refusal({ method: 'POST', url: '/api/users', payload: user })).toEqual([
      409,
      'user_exists',
      [['user_exists', '/body/email', 'A user with email ada@shop.example already exists']],
    ])
  })
})
