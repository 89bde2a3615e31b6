import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type, { type Static } from 'typebox'
import { seesContacts } from '../../access/permissions'
import { approvalRule } from '../../approvals/publish-check'
import { principalName, publishRightsOf } from '../../approvals/rights'
import { approvalRequired } from '../../approvals/rule'
import { ApiError } from '../../plugins/errors'
import { abTestsRepository } from '../../repositories/ab-tests'
import { journeysRepository } from '../../repositories/journeys'
import { monitoringRepository } from '../../repositories/monitoring'
import controlGroupRoutes from './control-group'
import seriesRoutes from './series'
import stoppedRoutes from './stopped'

const JourneyId = Type.String({ minLength: 1, maxLength: 100 })
const JourneyParams = Type.Object({ id: JourneyId })
const NodeParams = Type.Object({ id: JourneyId, nodeId: Type.String({ minLength: 1, maxLength: 100 }) })
const LiveQuery = Type.Object(
  {
    since: Type.Optional(Type.String({ format: 'date-time' })),
    /** "Last 24 hours" is counted back from the server's clock (the demo clock in demo mode), never the browser's. */
    lastHours: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$', description: 'whole hours, 1 to 9999' })),
  },
  { additionalProperties: false },
)
/** Live monitoring on the canvas: counts and funnels as server-sent events, contacts at a node, removing one. */
const monitoringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const monitoring = monitoringRepository(app.database.db)
  const journeys = journeysRepository(app.database.db)
  const abTests = abTestsRepository(app.database.db)
  const tags = ['monitoring']
  const read = { access: 'journeys:read' as const }
  // Who waits at a node is people (names, phones, found by phone): the contacts' own scope too.
  const readContacts = { access: ['journeys:read', 'contacts:read'] as const }
  // Open streams end when the server closes, or closing would wait for them forever.
  const streams = new Set<() => void>()
  app.addHook('onClose', async () => {
    for (const end of streams) end()
  })
  await app.register(seriesRoutes)
  await app.register(controlGroupRoutes)
  await app.register(stoppedRoutes)
  const sinceOf = (query: Static<typeof LiveQuery>) =>
    query.lastHours ? new Date(app.runner.clock() - Number(query.lastHours) * 3_600_000) : query.since ? new Date(query.since) : undefined

  app.get(
    '/:id/stats',
    { config: read, schema: { tags, summary: 'Contacts per node, funnels and alarms now', params: JourneyParams, querystring: LiveQuery } },
    async (request) => {
      await journeys.get(request.params.id)
      return monitoring.snapshot(request.params.id, sinceOf(request.query))
    },
  )

  app.get(
    '/:id/live',
    { config: read, schema: { tags, summary: 'The same as a stream of server-sent events, one each time something changes', params: JourneyParams, querystring: LiveQuery } },
    async (request, reply) => {
      await journeys.get(request.params.id)
      reply.hijack()
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' })
      const { id } = request.params
      // Every stream of one journey and range shares one snapshot a second; a moving range moves with the clock each time.
      const key = JSON.stringify([id, request.query.since ?? null, request.query.lastHours ?? null])
      const unsubscribe = app.liveSnapshots.subscribe(
        key,
        () => monitoring.snapshot(id, sinceOf(request.query)),
        (snapshot) => reply.raw.write(`data: ${snapshot}\n\n`),
      )
      const end = () => {
        unsubscribe()
        streams.delete(end)
        reply.raw.end()
      }
      streams.add(end)
      request.raw.on('close', end)
    },
  )

  app.get(
    '/:id/ab',
    { config: read, schema: { tags, summary: 'A/B results: conversions per variant, a two-proportion test against the control, the sample size needed', params: JourneyParams } },
    async (request) => ({
      splits: await abTests.results(request.params.id),
    }),
  )
  app.post(
    '/:id/ab/:nodeId/rollout',
    {
      config: { access: 'journeys:write' },
      schema: {
        tags,
        summary: 'Publish a new version with this variant at 100% (contacts in flight move over; their variant stays)',
        params: NodeParams,
        body: Type.Object({ variantId: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      // A roll-out publishes: an editor who may not publish alone cannot do it either.
      if (publishRightsOf(request.principal) === 'submitter') throw approvalRequired(['no_publish_right'], await approvalRule(app.database.db), null)
      return abTests.rollOut(request.params.id, request.params.nodeId, request.body.variantId, principalName(request.principal))
    },
  )

  app.get(
    '/:id/nodes/:nodeId/contacts',
    {
      config: readContacts,
      schema: {
        tags,
        summary: 'Contacts waiting at a node, paged, searchable by id, name or phone; with version=N only those on version N',
        params: NodeParams,
        querystring: Type.Object(
          {
            search: Type.Optional(Type.String({ maxLength: 100 })),
            after: Type.Optional(Type.String({ maxLength: 100 })),
            version: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'a published version number' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { search, after, version } = request.query
      return monitoring.contactsAt(request.params.id, request.params.nodeId, { search, after, version: version === undefined ? undefined : Number(version), limit: 50 })
    },
  )

  app.post(
    '/:id/contacts/:externalId/remove',
    {
      config: { access: 'journeys:write' },
      schema: {
        tags,
        summary: 'Take a contact out of the journey now (with contacts:read, 404 when it is not in it; without, answered alike either way)',
        params: Type.Object({ id: JourneyId, externalId: Type.String({ minLength: 1, maxLength: 200 }) }),
      },
    },
    async (request) => {
      const removing = monitoring.remove(request.params.id, request.params.externalId, principalName(request.principal), app.runner.clock())
      if (seesContacts(request.principal)) return removing
      // Whether the contact was in the journey (or exists) is not for a caller that may not read contacts.
      await removing.catch((error: unknown) => {
        if (!(error instanceof ApiError && error.code === 'not_in_journey')) throw error
      })
      return { accepted: 1 }
    },
  )
}

export default monitoringRoutes
