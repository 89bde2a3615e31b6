import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { DEFAULT_FORECAST_DAYS, forecastPublish, MAX_FORECAST_DAYS } from '../../forecast/forecast'

const JourneyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })
const ForecastQuery = Type.Object(
  {
    // Query values arrive as text; the range is checked by forecastPublish, in words.
    days: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: `Days to forecast, 1 to ${MAX_FORECAST_DAYS}; ${DEFAULT_FORECAST_DAYS} unless given` })),
    migrate: Type.Optional(Type.Enum(['true', 'false'], { description: 'Forecast publishing with contacts in flight moved to the new version' })),
  },
  { additionalProperties: false },
)

/** The publish dialog's forecast: the draft against the live version, from today's live state. */
const forecastRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id/forecast',
    {
      config: { access: 'journeys:read' },
      schema: {
        tags: ['journeys'],
        summary: 'Forecast publishing the draft against keeping the live version, from the live state',
        params: JourneyParams,
        querystring: ForecastQuery,
      },
    },
    async (request) => {
      const { days, migrate } = request.query
      return forecastPublish(app.database.db, request.params.id, { now: app.runner.clock(), migrate: migrate === 'true', ...(days === undefined ? {} : { days: Number(days) }) })
    },
  )
}

export default forecastRoutes
