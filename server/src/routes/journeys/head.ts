import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { journeyHead } from '../../repositories/journey-head'

/** What an open editor polls to notice that a colleague saved a newer draft or published. */
const journeyHeadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id/head',
    {
      config: { access: 'journeys:read' },
      schema: {
        tags: ['journeys'],
        summary: 'Where the draft and the live version stand (revision and who saved it, version and who published it), without documents; the ETag is the draft revision',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
      },
    },
    async (request, reply) => {
      const head = await journeyHead(app.database.db, request.params.id)
      reply.header('etag', `"${head.draftRevision}"`)
      return head
    },
  )
}

export default journeyHeadRoutes
