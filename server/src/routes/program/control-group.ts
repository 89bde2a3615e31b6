import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ProgramUplift } from '@recall/shared'
import { controlGroupReportRepository } from '../../repositories/control-group-report'
import { workspaceSettingsRepository } from '../../repositories/workspace-settings'

/** The Program page's uplift: every live or paused journey with a goal against the global control group, and the program per contact. */
const programControlGroupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const reports = controlGroupReportRepository(app.database.db)
  const workspace = workspaceSettingsRepository(app.database.db)

  app.get(
    '/control-group',
    {
      config: { access: 'journeys:read' },
      schema: {
        tags: ['program'],
        summary:
          'Per live or paused journey with a goal, and overall per contact: conversion rate and revenue per contact, treated against held out, the difference, its 95% interval, a significance test, incremental conversions',
      },
    },
    async (): Promise<ProgramUplift> => {
      const { controlGroupPercent } = await workspace.load()
      const listed = await reports.goalJourneys()
      const journeys = []
      for (const journey of listed) journeys.push({ ...journey, ...(await reports.report(journey.journeyId)) })
      const { overall, mixedContacts } = await reports.overall(listed.map((journey) => journey.journeyId))
      return { controlGroupPercent, journeys, overall, mixedContacts }
    },
  )
}

export default programControlGroupRoutes
