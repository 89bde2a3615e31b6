import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { principalName } from '../../approvals/rights'
import { journeysRepository } from '../../repositories/journeys'
import { stoppedStepsRepository } from '../../repositories/stopped-steps'

const JourneyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })

/** Contacts a journey stopped because their step failed five times in a row: who they are, and trying them again. */
const stoppedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const stopped = stoppedStepsRepository(app.database.db)
  const journeys = journeysRepository(app.database.db)
  const tags = ['monitoring']

  app.get(
    '/:id/stopped',
    {
      // Who they are is people: the contacts' own scope too.
      config: { access: ['journeys:read', 'contacts:read'] as const },
      schema: {
        tags,
        summary: 'Contacts stopped because their step failed five times in a row (the node, the failures, when), paged',
        params: JourneyParams,
        querystring: Type.Object({ after: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      await journeys.get(request.params.id)
      return stopped.list(request.params.id, { after: request.query.after, limit: 50 })
    },
  )

  app.post(
    '/:id/stopped/retry',
    {
      config: { access: 'journeys:write' },
      schema: { tags, summary: "Try every stopped contact's step again now, with a fresh count of tries (after fixing the cause)", params: JourneyParams },
    },
    async (request) => {
      await journeys.get(request.params.id)
      return stopped.retry(request.params.id, principalName(request.principal), app.runner.clock())
    },
  )
}

export default stoppedRoutes
