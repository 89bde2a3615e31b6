import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { publishHistoryOf } from '../../approvals/history'
import { approvalRule, draftForecast, publishableDraftRevision } from '../../approvals/publish-check'
import { personRef, principalName, principalRef, publishRightsOf } from '../../approvals/rights'
import { type Actor, approvalsRepository } from '../../repositories/approvals'
import { seenDraftOf } from '../../repositories/draft-conflict'
import { journeysRepository } from '../../repositories/journeys'

const JourneyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })
const ApprovalParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }), approvalId: Type.String({ minLength: 1, maxLength: 100 }) })
const SubmitBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })), migrate: Type.Optional(Type.Boolean()) }, { additionalProperties: false })
const ReviewBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false })

export const actorOf = (request: FastifyRequest): Actor => ({
  name: principalName(request.principal),
  ref: principalRef(request.principal),
  person: personRef(request.principal),
  rights: publishRightsOf(request.principal),
})

/**
 * Review before publishing: an editor submits the draft with a note (and the forecast it makes),
 * someone who can publish (not the submitter) approves it, which publishes exactly what was
 * submitted, or rejects it with a comment. Every step lands in the journey's publishing history.
 */
const approvalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const approvals = approvalsRepository(app.database.db)
  const journeys = journeysRepository(app.database.db)
  const tags = ['journeys']
  const write = { access: 'journeys:write' as const }
  const read = { access: 'journeys:read' as const }

  app.post(
    '/:id/approvals',
    {
      config: write,
      schema: {
        tags,
        summary: 'Submit the draft for review, with a note; its forecast is kept with it; with If-Match (the ETag read) another draft revision answers 412 draft_changed',
        params: JourneyParams,
        body: Type.Optional(SubmitBody),
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const migrate = request.body?.migrate ?? false
      const revision = await publishableDraftRevision(app.database.db, id, seenDraftOf(request.headers['if-match'], 'submit'))
      const forecast = await draftForecast(app.database.db, id, app.runner.clock(), migrate, await approvalRule(app.database.db))
      reply.status(201)
      return { approval: await approvals.submit(id, { note: request.body?.note ?? '', migrate, revision, forecast }, actorOf(request)) }
    },
  )
  app.get('/:id/approvals', { config: read, schema: { tags, summary: 'Submissions for review, newest first', params: JourneyParams } }, async (request) => ({
    approvals: await approvals.list(request.params.id, actorOf(request)),
  }))
  app.get('/:id/approvals/:approvalId', { config: read, schema: { tags, summary: 'One submission with the exact document submitted', params: ApprovalParams } }, async (request) =>
    approvals.get(request.params.id, request.params.approvalId, actorOf(request)),
  )
  app.post(
    '/:id/approvals/:approvalId/approve',
    {
      config: write,
      schema: {
        tags,
        summary: 'Approve: publishes the document submitted (not a draft edited since); not your own submission',
        params: ApprovalParams,
        body: Type.Optional(ReviewBody),
      },
    },
    async (request) => approvals.approve(request.params.id, request.params.approvalId, request.body?.comment ?? '', actorOf(request)),
  )
  app.post(
    '/:id/approvals/:approvalId/reject',
    { config: write, schema: { tags, summary: 'Reject with a comment saying why; not your own submission', params: ApprovalParams, body: Type.Optional(ReviewBody) } },
    async (request) => ({ approval: await approvals.reject(request.params.id, request.params.approvalId, request.body?.comment ?? '', actorOf(request)) }),
  )
  app.get(
    '/:id/history',
    { config: read, schema: { tags, summary: 'Publishing history: submissions, approvals, rejections and publishes with who, when, version and forecast', params: JourneyParams } },
    async (request) => {
      await journeys.get(request.params.id)
      return { events: await publishHistoryOf(app.database.db, request.params.id) }
    },
  )
}

export default approvalRoutes
