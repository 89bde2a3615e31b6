import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { and, eq } from 'drizzle-orm'
import Type from 'typebox'
import { journeyVersions } from '../../db/schema/index'
import { ApiError } from '../../plugins/errors'
import { sendPolicies } from '../../providers/send-rules'
import { journeysRepository } from '../../repositories/journeys'
import { workspaceSettingsRepository } from '../../repositories/workspace-settings'
import { type SampleSource, simulationRuns } from '../../simulation/runs'
import { fileSample, savedSegment, segmentSample } from '../../simulation/sample-sources'

/** The most contacts one simulation takes, generated or given. */
const MAX_SAMPLE = 100_000
const Rate = Type.Number({ minimum: 0, maximum: 1 })
const SimulationBody = Type.Object(
  {
    count: Type.Integer({ minimum: 1, maximum: MAX_SAMPLE }),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 })),
    zoneMix: Type.Optional(Type.Enum(['china', 'mixed'])),
    /** Segment mix of generated contacts: the share of gold and platinum members. */
    vipShare: Type.Optional(Rate),
    clickRate: Rate,
    orderRate: Rate,
    redeemRate: Rate,
    start: Type.String({ format: 'date-time' }),
    days: Type.Integer({ minimum: 1, maximum: 120 }),
    compareLive: Type.Optional(Type.Boolean()),
    /** Whom to simulate: generated contacts (the default), a saved segment's contacts, or a CSV file's. */
    source: Type.Optional(Type.Enum(['generated', 'segment', 'csv'])),
    segmentId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    csv: Type.Optional(Type.String({ maxLength: 32 * 1024 * 1024 })),
    /** For a CSV without a consent column: simulate as if every contact had consented (imports never assume it). */
    assumeConsent: Type.Optional(Type.Boolean()),
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
      config: { access: 'journeys:read' },
      schema: { tags, summary: 'Simulate the draft over sample contacts; answers at once, poll the run', params: JourneyParams, body: SimulationBody },
    },
    async (request, reply) => {
      const { journey } = await journeys.get(request.params.id)
      const body = request.body
      let live: { document: typeof journey.draft; version: number } | undefined
      if (body.compareLive && journey.liveVersion) {
        const [row] = await app.database.db
          .select({ document: journeyVersions.document })
          .from(journeyVersions)
          .where(and(eq(journeyVersions.journeyId, journey.id), eq(journeyVersions.version, journey.liveVersion)))
        if (row) live = { document: row.document, version: journey.liveVersion }
      }
      const workspace = await workspaceSettingsRepository(app.database.db).load()
      // Reading a segment's contacts takes as long as the segment is big: it runs after the 202,
      // and only the segment's existence is checked first. A CSV is the request's own body: its
      // rows are checked here so that a bad one is a 400 naming the row.
      let given: SampleSource | undefined
      if (body.source === 'segment') {
        const segmentId = body.segmentId ?? ''
        await savedSegment(app.database.db, segmentId)
        given = () => segmentSample(app.database.db, segmentId, body.count, Date.parse(body.start))
      } else if (body.source === 'csv') {
        const contacts = fileSample(body.csv ?? '', MAX_SAMPLE, body.assumeConsent ?? false)
        given = () => contacts
      }
      const run = runs.start(
        journey.id,
        journey.draft,
        live,
        {
          count: body.count,
          seed: body.seed ?? 1,
          zoneMix: body.zoneMix ?? 'china',
          vipShare: body.vipShare ?? 0.2,
          clickRate: body.clickRate,
          orderRate: body.orderRate,
          redeemRate: body.redeemRate,
          start: Date.parse(body.start),
          days: body.days,
        },
        await sendPolicies(app.database.db),
        { perPart: workspace.pricePerPart, perMms: workspace.pricePerMms },
        given,
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
      return run
    },
  )
  app.delete('/simulations/:runId', { config: { access: 'journeys:read' }, schema: { tags, summary: 'Cancel a simulation', params: RunParams } }, async (request, reply) => {
    if (!runs.cancel(request.params.runId)) throw notFound()
    return reply.status(204).send()
  })
}

export default simulationRoutes
