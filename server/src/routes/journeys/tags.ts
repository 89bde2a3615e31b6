import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { JourneyTagsBody } from '@recall/shared'
import Type from 'typebox'
import { journeyTagsRepository } from '../../repositories/journey-tags'

/** Filing journeys under tags: organising the list changes nothing that runs. */
const journeyTagRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = journeyTagsRepository(app.database.db)
  app.put(
    '/:id/tags',
    {
      config: { access: 'journeys:write' },
      schema: {
        tags: ['journeys'],
        summary: 'Replace the tags a journey is filed under (at most 10, each 1 to 30 characters; trimmed, repeats in another case dropped)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        body: JourneyTagsBody,
      },
    },
    async (request) => tags.replace(request.params.id, request.body.tags),
  )
}

export default journeyTagRoutes
