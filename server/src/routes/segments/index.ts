import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConditionGroup } from '@recall/shared'
import Type from 'typebox'
import { publishRightsOf } from '../../approvals/rights'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { ApiError } from '../../plugins/errors'
import { segmentsRepository } from '../../repositories/segments'

const SegmentBody = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' }), name: Type.String({ minLength: 1, maxLength: 120 }), condition: ConditionGroup },
  { additionalProperties: false },
)
const SegmentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })

function segmentInLiveJourney(names: readonly string[]): ApiError {
  const list = names.map((name) => `"${name}"`).join(', ')
  return new ApiError(403, 'segment_in_live_journey', {
    en: `Live journeys enter contacts from this segment (${list}): changing it changes who they message, which needs someone who can publish`,
    zh: `此分群是上线旅程的进入条件(${list}):修改它会改变这些旅程发送的对象,需要由有发布权限的人操作`,
  })
}

const segmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repository = segmentsRepository(app.database.db, () => app.runner.clock())
  const tags = ['segments']
  app.get('/', { config: { access: 'segments:read' }, schema: { tags, summary: 'List segments' } }, async () => ({ segments: await repository.list() }))
  app.put(
    '/:id',
    { bodyLimit: BODY_LIMITS.segment, config: { access: 'segments:write' }, schema: { tags, summary: 'Define or replace a segment', params: SegmentParams, body: SegmentBody } },
    async (request) => {
      // A live journey entering from this segment reaches whoever its condition names: changing it is
      // publishing to a new audience, so an editor who may not publish alone may not do it either.
      if (publishRightsOf(request.principal) === 'submitter') {
        const live = await repository.liveJourneysEntering(request.params.id)
        if (live.length > 0) throw segmentInLiveJourney(live.map((journey) => journey.name))
      }
      return repository.save(request.params.id, request.body)
    },
  )
  // A segment is any condition its writer saved (name = "周七"): its count tells of contacts' data as their list would.
  app.get(
    '/:id/count',
    { config: { access: ['segments:read', 'contacts:read'] }, schema: { tags, summary: 'Count the contacts in a segment now', params: SegmentParams } },
    async (request) => ({ members: await repository.count(request.params.id) }),
  )
}

export default segmentRoutes
