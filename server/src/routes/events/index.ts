import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { MAX_PROPERTIES_DEPTH, nestedDeeperThan } from '@recall/shared'
import Type from 'typebox'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { invalidRequest } from '../../plugins/errors'
import { tooDeepProblem } from '../../plugins/input-policy'
import { INGESTION_RATE_LIMIT } from '../../plugins/rate-limits'
import { MAX_EVENTS_PER_BATCH } from '../../worker/runner'

const EventBody = Type.Array(
  Type.Object(
    {
      contactId: Type.String({ minLength: 1, maxLength: 200 }),
      name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' }),
      properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
    },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: MAX_EVENTS_PER_BATCH },
)

const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/',
    {
      bodyLimit: BODY_LIMITS.events,
      config: { access: 'events:write', rateLimit: INGESTION_RATE_LIMIT },
      schema: { tags: ['events'], summary: `Ingest up to ${MAX_EVENTS_PER_BATCH} events; they trigger entries, resolve waits and goals. All or nothing.`, body: EventBody },
    },
    async (request) => {
      const tooDeep = request.body.flatMap((event, index) =>
        event.properties !== undefined && nestedDeeperThan(event.properties, MAX_PROPERTIES_DEPTH) ? [tooDeepProblem(`/body/${index}/properties`, MAX_PROPERTIES_DEPTH)] : [],
      )
      if (tooDeep.length > 0) throw invalidRequest(tooDeep)
      return app.runner.ingestEvents(request.body)
    },
  )
}

export default eventRoutes
