import { JOURNEY_TEMPLATES } from '@recall/shared'
import { PgPreparedQuery } from 'drizzle-orm/pg-core'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
const PEOPLE = Array.from({ length: 20 }, (_, index) => ({ id: `S-${index}`, phone: `1390000${String(index).padStart(4, '0')}`, consent: true, timeZone: 'Asia/Shanghai' }))

/** A statement as what it does to which table: `select settings`, `update enrollments`. */
const summary = (text: string) => {
  const table = /(?:^update|\bfrom|\binto) "(\w+)"/.exec(text)?.[1]
  return [text.split(' ')[0], table].filter(Boolean).join(' ')
}

/**
 * What processDue sent for 20 due steps before failing steps were isolated (read off the code of
 * then with this same count): one transaction for the queued entries, one for the batch. PGlite's
 * BEGIN and COMMIT are its own, not drizzle's statements.
 */
const BEFORE = [
  ...['begin', 'select entry_queue', 'commit'],
  ...['begin', 'select enrollments', ...Array(4).fill('select settings'), 'select coupon_pools', 'select coupons', ...Array(2).fill('select settings')],
  ...['select contacts', 'select suppressions', 'select messages', 'select events', 'update enrollments', 'insert step_log', 'insert messages', 'commit'],
]

/** Every statement drizzle sends (both drivers go through this one method), as its text. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = []
  type Sending = { queryWithCache(text: string, params: unknown[], query: () => Promise<unknown>): Promise<unknown> }
  const spy = vi.spyOn(PgPreparedQuery.prototype as unknown as Sending, 'queryWithCache').mockImplementation(async (text, _params, query) => {
    sent.push(text.replace(/\s+/g, ' ').trim())
    return query()
  })
  try {
    await work()
  } finally {
    spy.mockRestore()
  }
  return sent
}

describe.each(DATABASE_KINDS)('due steps that all go through, on %s', (kind) => {
  let app: FastifyInstance
  let now = Date.parse('2026-11-24T10:00:00+08:00')
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: PEOPLE })
    await app.inject({ method: 'POST', url: '/api/events', payload: PEOPLE.map((person) => ({ contactId: person.id, name: 'cart_added' })) })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('cost the statements they always did: no query is added while nothing fails', async () => {
    now = Date.parse('2026-11-24T11:00:00+08:00')
    const sent = await statementsOf(() => app.runner.processDue())
    expect(sent.map(summary)).toEqual(kind === 'pglite' ? BEFORE.filter((statement) => statement !== 'begin' && statement !== 'commit') : BEFORE)
    // The claim is today's: no list of ids (that is for the halves of a batch that failed).
    expect(sent.find((text) => text.startsWith('select "enrollments"."id"'))).not.toContain('any(')
    // The only change: a step that goes through ends a run of failures, in the update it always made.
    expect(sent.find((text) => text.startsWith('update "enrollments"'))).toContain('converted = v.converted, step_failures = 0 from')
  })
})
