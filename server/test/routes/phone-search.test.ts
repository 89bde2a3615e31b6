import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app'

describe('finding a contact by the phone as people write it', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp('pglite')
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'P-1', phone: '13812345678', consent: true }] })
  })
  afterAll(async () => {
    await app?.close()
  })

  it.each(['+86 138 1234 5678', '138-1234-5678', '+86 138', '13812345678'])('finds %s', async (typed) => {
    const found = (await app.inject({ method: 'GET', url: `/api/contacts?search=${encodeURIComponent(typed)}` })).json()
    expect(found.contacts.map((contact: { externalId: string }) => contact.externalId)).toEqual(['P-1'])
  })
})
