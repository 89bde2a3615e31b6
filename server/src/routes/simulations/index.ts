import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { and, eq } from 'drizzle-orm'
import Type from 'typebox'
import { journeyVersions } from '../../db/schema/index'
import { ApiError } from '../../plugins/errors'
import { sendPolicies } from '../../providers/send-rules'
import { draftNotSeenError, seenDraftOf } from '../../repositories/draft-conflict'
import { journeysRepository } from '../../repositories/journeys'
import { workspaceSettingsRepository } from '../../repositories/workspace-settings'
import { runRequester } from '../../simulation/background-runs'
import { simulationRuns } from '../../simulation/runs'
import { lazySample, SampleFields, sampleRequest } from '../../simulation/sample-schema'
import { checkRunReader, checkSampleSource, START_SIMULATION_ACCESS } from '../../simulation/start-access'

const SimulationBody = Type.Object(
  {
    ...SampleFields,
    days: Type.Integer({ minimum: 1, maximum: 120 }),
    compareLive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
const JourneyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })
const RunParams = Type.Object({ runId: Type.String({ minLength: 1, maxLength: 100 }) })

const notFound = () => new ApiError(404, 'simulation_not_found', { en: 'No such simulation (runs are kept while the server runs)', zh: '模拟不存在(模拟结果仅在服务运行期间保留)' })

/** "Simulate" in the editor: the draft (and, to compare, the live version) over generated sample contacts. */
const simulationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const runs = simulationRuns()
  const journeys = journeysRepository(app.database.db)
  const tags = ['simulations']
  app.post(
    '/journeys/:id/simulations',
    {
      config: START_SIMULATION_ACCESS,
      schema: {
        tags,
        summary: 'Simulate the draft over sample contacts; answers at once, poll the run. With If-Match (the ETag read) another draft revision answers 412 draft_changed',
        params: JourneyParams,
        body: SimulationBody,
      },
    },
    async (request, reply) => {
      const body = request.body
      checkSampleSource(request, body.source)
      const seen = seenDraftOf(request.headers['if-match'], 'simulate')
      const { journey } = await journeys.get(request.params.id)
      // The person simulates the draft they see: results of a colleague's newer draft would be read as theirs.
      if (seen && seen.revision !== journey.draftRevision) throw draftNotSeenError(seen.revision, journey, 'simulate')
      let live: { document: typeof journey.draft; version: number } | undefined
      if (body.compareLive && journey.liveVersion) {
        const [row] = await app.database.db
          .select({ document: journeyVersions.document })
          .from(journeyVersions)
          .where(and(eq(journeyVersions.journeyId, journey.id), eq(journeyVersions.version, journey.liveVersion)))
        if (row) live = { document: row.document, version: journey.liveVersion }
      }
      const workspace = await workspaceSettingsRepository(app.database.db).load()
      const sample = await lazySample(app.database.db, body)
      const run = runs.start(
        journey.id,
        journey.draft,
        live,
        { ...sampleRequest(body), days: body.days, source: body.source ?? 'generated' },
        await sendPolicies(app.database.db),
        { perPart: workspace.pricePerPart, perMms: workspace.pricePerMms },
        sample,
        runRequester(request.principal).person,
      )
      reply.status(202)
      return run
    },
  )
  app.get(
    '/simulations/:runId',
    { config: { access: 'journeys:read' }, schema: { tags, summary: 'A simulation: progress, then its results', params: RunParams } },
    async (request) => {
      const run = runs.get(request.params.runId)
      if (!run) throw notFound()
      checkRunReader(request, run)
      return run
    },
  )
  app.delete('/simulations/:runId', { config: { access: 'journeys:read' }, schema: { tags, summary: 'Cancel a simulation', params: RunParams } }, async (request, reply) => {
    if (!runs.cancel(request.params.runId, runRequester(request.principal))) throw notFound()
    return reply.status(204).send()
  })
}

export default simulationRoutes
