import { JOURNEY_TEMPLATES } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
const birthday = JOURNEY_TEMPLATES.find((template) => template.id === 'birthday')

describe.each(DATABASE_KINDS)('journey tags on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind) })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: birthday })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  const tagsInList = async () =>
    Object.fromEntries((await app.inject({ method: 'GET', url: '/api/journeys' })).json().journeys.map((journey: { id: string; tags: string[] }) => [journey.id, journey.tags]))
  const put = (id: string, tags: unknown, locale = 'en') =>
    app.inject({ method: 'PUT', url: `/api/journeys/${id}/tags`, payload: { tags }, headers: { 'accept-language': locale } })

  it('starts untagged, stores tags trimmed and once each, and shows them in the list without touching the last change', async () => {
    expect(await tagsInList()).toEqual({ 'abandoned-cart': [], birthday: [] })
    const before = (await app.inject({ method: 'GET', url: '/api/journeys' })).json().journeys.find((journey: { id: string }) => journey.id === 'abandoned-cart').updatedAt
    const saved = await put('abandoned-cart', ['  双十一 ', 'Retail', 'retail', 'VIP   gold'])
    expect([saved.statusCode, saved.json()]).toEqual([200, { id: 'abandoned-cart', tags: ['双十一', 'Retail', 'VIP gold'] }])
    await put('birthday', ['Retail'])
    expect(await tagsInList()).toEqual({ 'abandoned-cart': ['双十一', 'Retail', 'VIP gold'], birthday: ['Retail'] })
    const after = (await app.inject({ method: 'GET', url: '/api/journeys' })).json().journeys.find((journey: { id: string }) => journey.id === 'abandoned-cart').updatedAt
    expect(after).toBe(before)
    // Invisible characters pasted in a tag are stripped, so it is the tag it looks like, not a twin.
    const pasted = await put('abandoned-cart', ['双\u200B十一', '\uFEFFRetail\u200C', 'VIP\u200D gold\u2060', 'New\u200B'])
    expect([pasted.statusCode, pasted.json().tags]).toEqual([200, ['双十一', 'Retail', 'VIP gold', 'New']])
    // Removing one is saving the rest.
    await put('abandoned-cart', ['双十一'])
    expect((await tagsInList())['abandoned-cart']).toEqual(['双十一'])
  })

  it('refuses too many, too long or blank tags by field in both languages, and changes nothing', async () => {
    const refusal = async (tags: unknown, locale: string) => {
      const response = await put('birthday', tags, locale)
      const body = response.json()
      return [response.statusCode, body.message, body.problems.map((problem: { path: string }) => problem.path)]
    }
    const eleven = Array.from({ length: 11 }, (_, index) => `t${index}`)
    expect(await refusal(eleven, 'en')).toEqual([400, 'Tags must have at most 10 items', ['/body/tags']])
    expect(await refusal(eleven, 'zh-CN')).toEqual([400, '标签最多 10 项', ['/body/tags']])
    expect(await refusal(['ok', 'x'.repeat(31)], 'en')).toEqual([400, 'Tags must have at most 30 characters', ['/body/tags/1']])
    expect(await refusal(['ok', 'x'.repeat(31)], 'zh-CN')).toEqual([400, '标签最多 30 个字符', ['/body/tags/1']])
    expect(await refusal(['ok', '   '], 'en')).toEqual([400, 'A tag must not be only spaces or invisible characters', ['/body/tags/1']])
    expect(await refusal(['ok', '   '], 'zh-CN')).toEqual([400, '标签不能只有空格或不可见字符', ['/body/tags/1']])
    expect(await refusal(['ok', '\u200B\u2060 \uFEFF'], 'en')).toEqual([400, 'A tag must not be only spaces or invisible characters', ['/body/tags/1']])
    expect(await refusal([''], 'en')).toEqual([400, 'Tags must not be empty', ['/body/tags/0']])
    expect(await refusal('Retail', 'zh-CN')).toEqual([400, '标签必须是列表', ['/body/tags']])
    expect((await tagsInList()).birthday).toEqual(['Retail'])
    const missing = await put('nope', ['x'])
    expect([missing.statusCode, missing.json().error]).toEqual([404, 'journey_not_found'])
    const openapi = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    expect(openapi.paths['/api/journeys/{id}/tags'].put.tags).toEqual(['journeys'])
  })
})
