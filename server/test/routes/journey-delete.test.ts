import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument

describe.each(DATABASE_KINDS)('deleting journeys on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: { ...cart, id: 'cart-copy', name: 'Copy' } })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('deletes a draft never published, and refuses a published one with what to do instead', async () => {
    expect((await app.inject({ method: 'DELETE', url: '/api/journeys/cart-copy' })).statusCode).toBe(204)
    expect((await app.inject({ method: 'GET', url: '/api/journeys/cart-copy' })).statusCode).toBe(404)
    const published = await app.inject({ method: 'DELETE', url: '/api/journeys/abandoned-cart', headers: { 'accept-language': 'zh-CN' } })
    expect([published.statusCode, published.json().message]).toEqual([409, '已发布的旅程不能删除,请归档(其联系人和消息仍关联此旅程)'])
    expect((await app.inject({ method: 'GET', url: '/api/journeys' })).json().journeys.map((journey: { id: string }) => journey.id)).toEqual(['abandoned-cart'])
  })
})
