import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { MAX_HOURS_HOURLY } from '../../monitoring/buckets'
import { invalidRequest } from '../../plugins/errors'
import { journeySeriesRepository } from '../../repositories/journey-series'
import { journeysRepository } from '../../repositories/journeys'
import { settingsRepository } from '../../repositories/settings'

const SeriesQuery = Type.Object(
  {
    /** Counted back from the server's clock (the demo clock in demo mode); absent: since the first entry. */
    lastHours: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$', description: 'whole hours, 1 to 9999' })),
    /** Absent: hourly up to 48 hours back, daily beyond. */
    bucket: Type.Optional(Type.Enum(['hour', 'day'])),
  },
  { additionalProperties: false },
)

/** Hourly points read well for up to two days. */
const HOURLY_UP_TO_HOURS = 48

/** The live view over time: entries, sends, conversions and revenue per local hour or day. */
const seriesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const series = journeySeriesRepository(app.database.db)
  const journeys = journeysRepository(app.database.db)
  const settings = settingsRepository(app.database.db)

  app.get(
    '/:id/series',
    {
      config: { access: 'journeys:read' },
      schema: {
        tags: ['monitoring'],
        summary: "Entries, sends, conversions and the goal events' revenue per hour or day, in the workspace's time zone",
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        querystring: SeriesQuery,
      },
    },
    async (request) => {
      const { id } = request.params
      const lastHours = request.query.lastHours === undefined ? undefined : Number(request.query.lastHours)
      const bucket = request.query.bucket ?? (lastHours !== undefined && lastHours <= HOURLY_UP_TO_HOURS ? 'hour' : 'day')
      if (bucket === 'hour' && lastHours !== undefined && lastHours > MAX_HOURS_HOURLY)
        throw invalidRequest([
          {
            code: 'series.too_many_hours',
            severity: 'error',
            path: '/querystring/lastHours',
            message: {
              en: `Hours back must be at most ${MAX_HOURS_HOURLY} with hourly buckets: ask for daily ones (bucket=day)`,
              zh: `按小时统计时,回溯小时数不能大于 ${MAX_HOURS_HOURLY}:请改为按天统计(bucket=day)`,
            },
          },
        ])
      await journeys.get(id)
      const to = app.runner.clock()
      const from = lastHours === undefined ? ((await series.firstEntry(id)) ?? to) : to - lastHours * 3_600_000
      const { defaultTimeZone } = await settings.policies()
      return series.series(id, { from, to, bucket, timeZone: defaultTimeZone })
    },
  )
}

export default seriesRoutes
