import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConditionGroup } from '@recall/shared'
import Type from 'typebox'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { segmentsRepository } from '../../repositories/segments'

const SegmentBody = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' }), name: Type.String({ minLength: 1, maxLength: 120 }), condition: ConditionGroup },
  { additionalProperties: false },
)
const SegmentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })

const segmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repository = segmentsRepository(app.database.db, () => app.runner.clock())
  const tags = ['segments']
  app.get('/', { config: { access: 'segments:read' }, schema: { tags, summary: 'List segments' } }, async () => ({ segments: await repository.list() }))
  app.put(
    '/:id',
    { bodyLimit: BODY_LIMITS.segment, config: { access: 'segments:write' }, schema: { tags, summary: 'Define or replace a segment', params: SegmentParams, body: SegmentBody } },
    async (request) => repository.save(request.params.id, request.body),
  )
  // A segment is any condition its writer saved (name = "周七"): its count tells of contacts' data as their list would.
  app.get(
    '/:id/count',
    { config: { access: ['segments:read', 'contacts:read'] }, schema: { tags, summary: 'Count the contacts in a segment now', params: SegmentParams } },
    async (request) => ({ members: await repository.count(request.params.id) }),
  )
}

export default segmentRoutes
