import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
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
      config: { access: 'events:write', rateLimit: INGESTION_RATE_LIMIT },
      schema: { tags: ['events'], summary: `Ingest up to ${MAX_EVENTS_PER_BATCH} events; they trigger entries, resolve waits and goals. All or nothing.`, body: EventBody },
    },
    async (request) => app.runner.ingestEvents(request.body),
  )
}

export default eventRoutes
