import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app'
import { type DatabaseHandle, openDatabase } from '../../src/db/database'
import { createThrowawayDatabase } from '../../src/db/throwaway'
import { cheapUser } from '../support/cheap-users'
import { DATABASE_KINDS, type DatabaseKind } from '../support/databases'

// Checked cheaply (see cheapUser): the hundred wrong passwords below take milliseconds each, through the real sign-in path.
const OWNER = { email: 'owner@shop.example', password: 'owner@shop.example-password' }

/**
 * Two handles on one database, as two API processes behind PgBouncer have: on PostgreSQL each with
 * its own pool; PGlite serves one process, so there the two apps share its one connection.
 */
async function twoHandles(kind: DatabaseKind): Promise<[DatabaseHandle, DatabaseHandle, () => Promise<void>]> {
  if (kind === 'pglite') {
    const handle = await openDatabase({})
    return [handle, { ...handle, close: async () => {} }, async () => {}]
  }
  const throwaway = await createThrowawayDatabase()
  return [await openDatabase({ url: throwaway.url }), await openDatabase({ url: throwaway.url }), throwaway.drop]
}

/** Wrong passwords counted in the database, so several API processes on one database share one count. */
describe.each(DATABASE_KINDS)('sign-in limits shared by two servers on %s', (kind) => {
  let first: FastifyInstance
  let second: FastifyInstance
  let drop: () => Promise<void>
  const signIn = (app: FastifyInstance, password: string, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { email: OWNER.email, password } })

  beforeAll(async () => {
    const [one, two, dropDatabase] = await twoHandles(kind)
    drop = dropDatabase
    first = await buildApp({ database: one })
    second = await buildApp({ database: two })
    await cheapUser(first.database.db, OWNER.email, 'admin')
  }, 60_000)
  afterAll(async () => {
    await second?.close()
    await first?.close()
    await drop?.()
  })

  it('closes the account to an address whose ten wrong passwords went half to each server, on both servers', async () => {
    const statuses: number[] = []
    for (let attempt = 0; attempt < 10; attempt++) statuses.push((await signIn(attempt % 2 === 0 ? first : second, 'guess', '203.0.113.1')).statusCode)
    const onFirst = await signIn(first, OWNER.password, '203.0.113.1')
    const onSecond = await signIn(second, OWNER.password, '203.0.113.1')
    expect([...statuses, onFirst.statusCode, onSecond.statusCode]).toEqual([...Array(10).fill(401), 429, 429])
    expect(Number(onSecond.headers['retry-after'])).toBeGreaterThan(890)
    // Closed to that address only: the owner signs in elsewhere, through either server.
    expect((await signIn(second, OWNER.password, '198.51.100.4')).statusCode).toBe(200)
  })

  it('counts the account-wide ceiling over both servers, and knows an address the owner signed in from through the other', async () => {
    // 198.51.100.4 signed in through the second server above, after ten failures from 203.0.113.1;
    // ninety more from nine other addresses, through both, make the hundred.
    const statuses: number[] = []
    for (let address = 1; address <= 9; address++)
      for (let attempt = 0; attempt < 10; attempt++) statuses.push((await signIn(attempt % 2 === 0 ? first : second, 'guess', `192.0.2.${address}`)).statusCode)
    expect(statuses).toEqual(Array(90).fill(401))
    const stranger = await signIn(second, OWNER.password, '192.0.2.50')
    const owner = await signIn(first, OWNER.password, '198.51.100.4')
    expect([stranger.statusCode, stranger.json().error, owner.statusCode]).toEqual([429, 'rate_limited', 200])
  })
})
