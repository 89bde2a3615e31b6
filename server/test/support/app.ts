import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app'
import { type DatabaseKind, testDatabase } from './databases'

/** The whole API on a fresh database of the given kind; `app.close()` drops the database too. */
export async function testApp(kind: DatabaseKind): Promise<FastifyInstance> {
  return buildApp({ database: await testDatabase(kind) })
}
