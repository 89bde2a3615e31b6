import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { MAX_PROPERTIES_DEPTH, nestedDeeperThan } from '@recall/shared'
import Type from 'typebox'
import { seesContacts } from '../../access/permissions'
import { localizedAnswer } from '../../events/segment-calls'
import { blankIdProblems } from '../../events/segment-spec'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { invalidRequest, requestLocale } from '../../plugins/errors'
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
      /** The sender's id for the event: a repeat within 7 days is acknowledged and ignored. */
      id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
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
      schema: {
        tags: ['events'],
        summary: `The simple form: up to ${MAX_EVENTS_PER_BATCH} events by contact id; they trigger entries, resolve waits and goals. Each is accepted, a duplicate or refused by its index.`,
        body: EventBody,
      },
    },
    async (request) => {
      const problems = request.body.flatMap((event, index) => [
        ...(event.properties !== undefined && nestedDeeperThan(event.properties, MAX_PROPERTIES_DEPTH) ? [tooDeepProblem(`/body/${index}/properties`, MAX_PROPERTIES_DEPTH)] : []),
        ...blankIdProblems(event.contactId, `/body/${index}`, 'contactId'),
      ])
      if (problems.length > 0) throw invalidRequest(problems)
      const incoming = request.body.map(({ id, ...event }) => (id ? { ...event, messageId: id } : event))
      const sees = seesContacts(request.principal)
      return localizedAnswer(await app.runner.ingestEvents(incoming, { masksContacts: !sees }), requestLocale(request), sees)
    },
  )
}

export default eventRoutes
