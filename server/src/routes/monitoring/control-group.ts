import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { JourneyUplift } from '@recall/shared'
import Type from 'typebox'
import { controlGroupReportRepository } from '../../repositories/control-group-report'
import { journeysRepository } from '../../repositories/journeys'
import { workspaceSettingsRepository } from '../../repositories/workspace-settings'

/** The live view's uplift: treated against the workspace's global control group, per journey. */
const controlGroupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const reports = controlGroupReportRepository(app.database.db)
  const journeys = journeysRepository(app.database.db)
  const workspace = workspaceSettingsRepository(app.database.db)

  app.get(
    '/:id/control-group',
    {
      config: { access: 'journeys:read' },
      schema: {
        tags: ['monitoring'],
        summary: 'Conversion rate and revenue per contact, treated against held-out contacts: the difference, its 95% interval, a significance test, incremental conversions',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
      },
    },
    async (request): Promise<JourneyUplift> => {
      await journeys.get(request.params.id)
      const { controlGroupPercent } = await workspace.load()
      return { controlGroupPercent, ...(await reports.report(request.params.id)) }
    },
  )
}

export default controlGroupRoutes
