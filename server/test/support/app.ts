import type { FastifyInstance, InjectOptions } from 'fastify'
import { type AppOptions, buildApp } from '../../src/app'
import { accessRepository } from '../../src/repositories/access'
import { type DatabaseKind, testDatabase, useOpenForBlock } from './databases'
import { keyMaker } from './keys'

/**
 * The API with an admin API key that every `app.inject` sends unless the request brings its own
 * `authorization` header (or `anonymous: true` in its headers, to test refusals). The key acts for
 * an admin of its own (`keyMaker`), as every key acts for the user who made it.
 */
export async function authorizedApp(options: AppOptions): Promise<FastifyInstance> {
  const app = await buildApp(options)
  const { secret } = await accessRepository(app.database.db).createApiKey('tests', ['admin'], await keyMaker(app.database.db))
  const inject = app.inject.bind(app) as (request: InjectOptions) => ReturnType<FastifyInstance['inject']>
  const withKey = (request: InjectOptions) => {
    const { anonymous, ...headers } = (request.headers ?? {}) as Record<string, string>
    return inject({ ...request, headers: anonymous || headers.authorization || headers.cookie ? headers : { authorization: `Bearer ${secret}`, ...headers } })
  }
  app.inject = withKey as FastifyInstance['inject']
  return app
}

/** The whole API on a fresh database of the given kind; `app.close()` drops the database too. */
export async function testApp(kind: DatabaseKind): Promise<FastifyInstance> {
  return authorizedApp({ database: await testDatabase(kind) })
}

/**
 * Gives a describe block the whole API on a fresh database of the kind: built (and `setUp` run on
 * it) before the block's tests, closed after them. Call the returned function inside tests.
 */
export function useTestApp(kind: DatabaseKind, setUp: (app: FastifyInstance) => Promise<void> = async () => {}): () => FastifyInstance {
  return useOpenForBlock(() => testApp(kind), setUp, 'the test app')
}
