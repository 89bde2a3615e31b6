import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { checkPublish } from '../../approvals/publish-check'
import { principalName, principalRef, publishRightsOf } from '../../approvals/rights'
import { seenDraftOf } from '../../repositories/draft-conflict'
import { publishSchedulesRepository } from '../../repositories/publish-schedules'

const JourneyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })
const ScheduleBody = Type.Object(
  {
    /** The chosen zone's wall-clock time, so "09:00 Asia/Shanghai" means that whatever the browser's zone. */
    localTime: Type.String({ maxLength: 16, description: 'Date and time on the zone’s clock, e.g. 2026-12-05T09:00' }),
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    migrate: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

/** Scheduled publish: the draft goes live at a set time, carried out by the worker on the journeys' clock. */
const scheduleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schedules = publishSchedulesRepository(app.database.db)
  const tags = ['journeys']
  app.put(
    '/:id/schedule',
    {
      config: { access: 'journeys:write' },
      schema: {
        tags,
        summary:
          'Publish the draft at a date and time in a time zone (replaces any earlier schedule); with If-Match (the ETag read) another draft revision answers 412 draft_changed',
        params: JourneyParams,
        body: ScheduleBody,
      },
    },
    async (request) => {
      // Refused now what would be refused when due; checked again then, with the forecast and the scheduler's rights of that time.
      const seen = seenDraftOf(request.headers['if-match'], 'schedule')
      await checkPublish(app.database.db, request.params.id, publishRightsOf(request.principal), { now: app.runner.clock(), migrate: request.body.migrate ?? false, seen })
      return {
        schedule: await schedules.schedule(request.params.id, request.body, app.runner.clock(), {
          name: request.principal && principalName(request.principal),
          ref: principalRef(request.principal),
        }),
      }
    },
  )
  app.delete(
    '/:id/schedule',
    { config: { access: 'journeys:write' }, schema: { tags, summary: 'Cancel the scheduled publish', params: JourneyParams } },
    async (request, reply) => {
      await schedules.cancel(request.params.id)
      return reply.status(204).send()
    },
  )
}

export default scheduleRoutes
