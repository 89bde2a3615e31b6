import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { testDatabase } from '../support/databases'
import { arbitraryFor, deeplyNestedJson, type JsonSchema, pathSegment } from '../support/schema-arbitrary'

interface Parameter {
  in: 'path' | 'query'
  name: string
  schema: JsonSchema
}
interface Operation {
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
}

/** Requests per route: random and boundary values from its schemas plus the hostile strings, from a fixed seed. */
const RUNS_PER_ROUTE = 12
/** Routes that hash a password (scrypt, slow on purpose) get fewer, so the run stays well under a minute. */
const RUNS_PER_HASHING_ROUTE = 4
const HASHING = new Set(['post /api/auth/login', 'post /api/users/'])
const SEED = 13

// The live stream never ends by itself; its parameters are the same as the stats route's.
const STREAMING = new Set(['get /api/journeys/{id}/live'])

type BodyChoice = Pick<InjectOptions, 'headers' | 'payload'>

/** Bodies no schema describes: broken JSON, the wrong type, nesting far too deep, CSV with NUL and lone surrogates. */
const HOSTILE_BODIES: BodyChoice[] = [
  { headers: { 'content-type': 'application/json' }, payload: '{"a":' },
  { headers: { 'content-type': 'application/json' }, payload: deeplyNestedJson(5_000) },
  { headers: { 'content-type': 'application/json' }, payload: `[{"contactId":"F-1","name":"x","properties":${deeplyNestedJson(5_000)}}]` },
  { headers: { 'content-type': 'application/xml' }, payload: '<a/>' },
  { headers: { 'content-type': 'text/csv' }, payload: 'id,phone,name\nF-\u0000,13812345678,a\ud800\n' },
  { headers: { 'content-type': 'image/png' }, payload: Buffer.from('not an image at all') },
]

function requestsFor(method: string, path: string, operation: Operation): fc.Arbitrary<InjectOptions & { url: string }> {
  const parameters = operation.parameters ?? []
  const values = (where: 'path' | 'query') =>
    fc.record(Object.fromEntries(parameters.filter((parameter) => parameter.in === where).map((parameter) => [parameter.name, arbitraryFor(parameter.schema)])), {
      requiredKeys: [],
    })
  const jsonSchema = operation.requestBody?.content['application/json']?.schema
  const body = fc.oneof(
    {
      arbitrary: jsonSchema
        ? arbitraryFor(jsonSchema).map((value): BodyChoice => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(value) }))
        : fc.constant<BodyChoice>({}),
      weight: 3,
    },
    { arbitrary: fc.constantFrom(...HOSTILE_BODIES), weight: 1 },
  )
  return fc.tuple(values('path'), values('query'), body).map(([pathValues, queryValues, { headers, payload }]) => {
    const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => (name in pathValues ? pathSegment(pathValues[name]) : 'x'))
    const query = Object.entries(queryValues)
      .map(([name, value]) => `${name}=${pathSegment(value)}`)
      .join('&')
    return { method: method.toUpperCase() as InjectOptions['method'], url: query ? `${url}?${query}` : url, ...(payload === undefined ? {} : { headers, payload }) }
  })
}

describe('every route in the OpenAPI document under random and hostile input', () => {
  let app: FastifyInstance
  let tables: string[] = []
  const rowCounts = async () => {
    const counts = await app.database.db.execute(sql.raw(`select ${tables.map((table) => `(select count(*) from "${table}")::int as "${table}"`).join(', ')}`))
    return (counts as unknown as { rows: Record<string, number>[] }).rows[0]
  }

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase('pglite'), secretKey: 'a-long-test-secret-key-0123456789' })
    const found = await app.database.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)
    // A refused sign-in is counted there on purpose: that count is what closes an account to a guesser.
    tables = (found as unknown as { rows: { table_name: string }[] }).rows.map((row) => row.table_name).filter((table) => table !== 'sign_in_attempts')
  })
  afterAll(async () => {
    await app?.close()
  })

  it('never answers 5xx and writes nothing when it refuses', async () => {
    await app.ready()
    const paths = ((app as unknown as { swagger(): unknown }).swagger() as { paths: Record<string, Record<string, Operation>> }).paths
    const routes = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => !STREAMING.has(`${method} ${path}`))
        .map(([method, operation]) => ({ requests: requestsFor(method, path, operation), runs: HASHING.has(`${method} ${path}`) ? RUNS_PER_HASHING_ROUTE : RUNS_PER_ROUTE })),
    )
    // Each route its own seed, so routes with the same parameters do not all get the same values.
    const requests = routes.flatMap((route, index) => fc.sample(route.requests, { numRuns: route.runs, seed: SEED + index }))
    const failures: string[] = []
    // Counted once per request: a refusal must leave them as the request before left them.
    let counts = await rowCounts()
    let accepted = 0
    for (const request of requests) {
      const answer = await app.inject(request)
      if (answer.statusCode < 400) accepted += 1
      const label = JSON.stringify(`${request.method} ${request.url.slice(0, 120)} ${String(request.payload ?? '').slice(0, 80)}`)
      const after = await rowCounts()
      if (answer.statusCode >= 500) failures.push(`${answer.statusCode} ${label}`)
      else if (answer.statusCode >= 400) {
        const body = answer.json()
        if (typeof body.error !== 'string' || typeof body.message !== 'string' || !Array.isArray(body.problems)) failures.push(`shape ${answer.statusCode} ${label}`)
        if (JSON.stringify(after) !== JSON.stringify(counts)) failures.push(`wrote ${answer.statusCode} ${label}`)
      }
      counts = after
    }
    console.info(`fuzz: ${requests.length} requests over ${routes.length} routes, ${accepted} accepted, ${failures.length} failures`)
    expect(failures).toEqual([])
  }, 60_000)
})
