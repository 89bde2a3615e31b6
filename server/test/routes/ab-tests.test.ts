import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enrollments } from '../../src/db/schema/index'
import { authorizedApp } from '../support/app'
import { testDatabase } from '../support/databases'

const template = JOURNEY_TEMPLATES.find((candidate) => candidate.id === 'ab-offer-test') as JourneyDocument
const byApi = { ...template, nodes: template.nodes.map((node) => (node.type === 'trigger' ? { ...node, data: { on: 'api' } } : node)) } as JourneyDocument

describe('A/B results and rolling out the winner', () => {
  let app: FastifyInstance
  const now = Date.parse('2026-11-24T10:00:00+08:00')
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase('pglite'), clock: () => now })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: byApi })
    await app.inject({ method: 'POST', url: '/api/journeys/ab-offer-test/publish', payload: {} })
    const ids = Array.from({ length: 400 }, (_, index) => `AB-${index}`)
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: ids.map((id, index) => ({ id, phone: `1380000${String(index).padStart(4, '0')}`, consent: true })) })
    await app.inject({ method: 'POST', url: '/api/journeys/ab-offer-test/enroll', payload: { contactIds: ids } })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('counts each variant, compares it with the control group and says how many contacts are needed', async () => {
    const rows = await app.database.db.select({ state: enrollments.state, contactId: enrollments.contactId }).from(enrollments).where(eq(enrollments.journeyId, 'ab-offer-test'))
    const external = (await app.inject({ method: 'GET', url: '/api/contacts/AB-0' })).json()
    expect(external.enrollments).toHaveLength(1)
    const variantOf = (row: (typeof rows)[number]) => (row.state as unknown as { variants: Record<string, string> }).variants['offer-test']
    const groups = { A: rows.filter((row) => variantOf(row) === 'A'), B: rows.filter((row) => variantOf(row) === 'B'), control: rows.filter((row) => variantOf(row) === 'control') }
    // Convert every fifth of A and every second of B: B clearly wins; the control group converts nobody.
    const buyers = [...groups.A.filter((_, index) => index % 5 === 0), ...groups.B.filter((_, index) => index % 2 === 0)]
    const externalIds = new Map<string, string>()
    for (const id of Array.from({ length: 400 }, (_, index) => `AB-${index}`)) {
      const contact = (await app.inject({ method: 'GET', url: `/api/contacts/${id}` })).json().contact
      externalIds.set(contact.id, id)
    }
    await app.inject({ method: 'POST', url: '/api/events', payload: buyers.map((row) => ({ contactId: externalIds.get(row.contactId), name: 'order_placed' })) })
    const { splits } = (await app.inject({ method: 'GET', url: '/api/journeys/ab-offer-test/ab' })).json()
    const [split] = splits
    expect(split.control).toBe('control')
    const byId = Object.fromEntries(split.variants.map((variant: { id: string }) => [variant.id, variant]))
    expect(byId.A).toMatchObject({ contacts: groups.A.length, converted: Math.ceil(groups.A.length / 5) })
    expect(byId.B).toMatchObject({ contacts: groups.B.length, converted: Math.ceil(groups.B.length / 2) })
    expect(byId.control).toMatchObject({ contacts: groups.control.length, converted: 0, test: null })
    expect(byId.B.test.pValue).toBeLessThan(0.01)
    expect(groups.A.length + groups.B.length + groups.control.length).toBe(400)
  })

  it('rolls out the winner as a new version at 100%, and the draft follows, saved by who rolled out', async () => {
    const rolled = await app.inject({ method: 'POST', url: '/api/journeys/ab-offer-test/ab/offer-test/rollout', payload: { variantId: 'B' } })
    expect(rolled.json()).toMatchObject({ version: 2 })
    const version = (await app.inject({ method: 'GET', url: '/api/journeys/ab-offer-test/versions/2' })).json()
    const split = version.document.nodes.find((node: { id: string }) => node.id === 'offer-test')
    expect(split.data.variants.map((variant: { id: string; weight: number }) => `${variant.id}:${variant.weight}`)).toEqual(['A:0', 'B:100', 'control:0'])
    expect(version.note).toBe('Roll out ¥40 off ¥150 · 全量推广 满150减40')
    const { draft, draftRevision, draftSavedBy } = (await app.inject({ method: 'GET', url: '/api/journeys/ab-offer-test' })).json().journey
    expect(draft.nodes.find((node: { id: string }) => node.id === 'offer-test').data.variants[1].weight).toBe(100)
    // The draft revision the roll-out saved is its author's, as any save is: a colleague's editor names them.
    expect([draftRevision, draftSavedBy]).toEqual([2, 'Key maker (API key "tests")'])
  })
})
