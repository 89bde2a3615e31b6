import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ApiError } from '../../plugins/errors'
import { sendPolicies } from '../../providers/send-rules'
import { workspaceSettingsRepository } from '../../repositories/workspace-settings'
import { runRequester } from '../../simulation/background-runs'
import { programJourneys } from '../../simulation/program-journeys'
import { programRuns } from '../../simulation/program-runs'
import { SampleFields, sampleContacts, sampleRequest } from '../../simulation/sample-schema'
import { checkRunReader, checkSampleSource, START_SIMULATION_ACCESS } from '../../simulation/start-access'
import { changedPolicies, WhatIfChangesSchema } from '../../simulation/what-if'
import programControlGroupRoutes from './control-group'

const ProgramSimulationBody = Type.Object(
  {
    ...SampleFields,
    days: Type.Integer({ minimum: 1, maximum: 90 }),
    /** Journeys whose draft goes in, in place of their live version or added to the program. */
    drafts: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, uniqueItems: true })),
    /** A what-if: run the same sample again with these settings changed, and compare. */
    changes: Type.Optional(WhatIfChangesSchema),
  },
  { additionalProperties: false },
)
const RunParams = Type.Object({ runId: Type.String({ minLength: 1, maxLength: 100 }) })

const notFound = () =>
  new ApiError(404, 'program_simulation_not_found', { en: 'No such program simulation (runs are kept while the server runs)', zh: '全局模拟不存在(模拟结果仅在服务运行期间保留)' })

/** The Program page: the whole program (live journeys and chosen drafts) on one sample, with what-ifs. */
const programRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const runs = programRuns()
  const tags = ['program']
  const db = app.database.db
  await app.register(programControlGroupRoutes)
  app.post(
    '/simulations',
    {
      config: START_SIMULATION_ACCESS,
      schema: {
        tags,
        summary:
          'Simulate every live journey and the chosen drafts together on one sample, with the workspace settings (and changed ones, for a what-if); answers at once, poll the run',
        body: ProgramSimulationBody,
      },
    },
    async (request, reply) => {
      const body = request.body
      checkSampleSource(request, body.source)
      // Every refusal comes before the run starts: a bad field never leaves a run behind.
      const { journeys, listed } = await programJourneys(db, body.drafts ?? [])
      const policies = await sendPolicies(db)
      const whatIf = body.changes ? { changes: body.changes, policies: changedPolicies(policies, body.changes) } : undefined
      const contacts = await sampleContacts(db, body)
      const workspace = await workspaceSettingsRepository(db).load()
      const run = runs.start({
        request: { ...sampleRequest(body), days: body.days, source: body.source ?? 'generated' },
        journeys,
        listed,
        contacts,
        policies,
        pricing: { perPart: workspace.pricePerPart, perMms: workspace.pricePerMms },
        ...(whatIf ? { whatIf } : {}),
        owner: runRequester(request.principal).person,
      })
      reply.status(202)
      return run
    },
  )
  app.get(
    '/simulations/:runId',
    { config: { access: 'journeys:read' }, schema: { tags, summary: 'A program simulation: progress, then its results and comparison', params: RunParams } },
    async (request) => {
      const run = runs.get(request.params.runId)
      if (!run) throw notFound()
      checkRunReader(request, run)
      return run
    },
  )
  app.delete(
    '/simulations/:runId',
    { config: { access: 'journeys:read' }, schema: { tags, summary: 'Cancel a program simulation', params: RunParams } },
    async (request, reply) => {
      if (!runs.cancel(request.params.runId, runRequester(request.principal))) throw notFound()
      return reply.status(204).send()
    },
  )
}

export default programRoutes
