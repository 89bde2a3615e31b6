import type { SendPolicies } from '@recall/engine'
import { type JourneyDocument, type Problem, type ValidationOptions, validateJourney } from '@recall/shared'
import { and, eq, inArray } from 'drizzle-orm'
import { journeys, journeyVersions } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import type { StoredProviderSettings } from '../providers/settings'
import type { Executor } from '../worker/contact-view'
import { deliveryContext } from './delivery-context'
import { settingsRepository } from './settings'

const errorsOf = (document: JourneyDocument, workspace: ValidationOptions) => validateJourney(document, workspace).problems.filter((problem) => problem.severity === 'error')

/**
 * Problems the new settings would add to the live version of every live or paused journey: a
 * free-text SMS routed to a template cloud fails `no_template` on every send, allowed sending hours
 * that miss a journey's own window leave it no time, so such settings are refused until those
 * journeys are republished. Problems the journey already had are not blamed on the change.
 */
async function brokenLiveVersions(db: Executor, before: () => Promise<ValidationOptions>, after: () => Promise<ValidationOptions>): Promise<Problem[]> {
  const running = await db
    .select({ id: journeys.id, name: journeys.name, version: journeyVersions.version, document: journeyVersions.document })
    .from(journeys)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)))
    .where(inArray(journeys.status, ['live', 'paused']))
    .orderBy(journeys.id)
  if (running.length === 0) return []
  const [was, will] = await Promise.all([before(), after()])
  return running.flatMap((journey) => {
    const known = new Set(errorsOf(journey.document, was).map((problem) => `${problem.code} ${problem.path}`))
    return errorsOf(journey.document, will)
      .filter((problem) => !known.has(`${problem.code} ${problem.path}`))
      .map((problem) => ({
        ...problem,
        path: `/journeys/${journey.id}${problem.path}`,
        message: {
          en: `Journey "${journey.name}" (live version ${journey.version})${problem.nodeId ? `, node ${problem.nodeId}` : ''}: ${problem.message.en}`,
          zh: `旅程"${journey.name}"(线上版本 ${journey.version})${problem.nodeId ? `的节点 ${problem.nodeId}` : ''}:${problem.message.zh}`,
        },
      }))
  })
}

/** Refuses settings under which a running journey's messages could no longer be sent, naming each journey and node. */
export async function assertRoutesKeepJourneysSendable(db: Executor, current: StoredProviderSettings, next: StoredProviderSettings): Promise<void> {
  const routes = async (settings: StoredProviderSettings) => ({ delivery: await deliveryContext(db, settings) })
  const problems = await brokenLiveVersions(
    db,
    () => routes(current),
    () => routes(next),
  )
  if (problems.length === 0) return
  throw new ApiError(
    409,
    'routes_break_live_journeys',
    {
      en: 'These provider settings would stop live journeys from sending: publish them with approved templates first, or keep their category on its current provider',
      zh: '此服务商设置会使运行中的旅程无法发送:请先为其改用已审核通过的模板并重新发布,或保持该类别原有的服务商',
    },
    problems,
  )
}

/** Refuses allowed sending hours that would leave a running journey's own window (or a node's) no time, naming each journey. */
export async function assertPoliciesKeepJourneysSendable(db: Executor, next: SendPolicies): Promise<void> {
  const problems = await brokenLiveVersions(
    db,
    async () => ({ allowedHours: (await settingsRepository(db).policies()).quietHoursWindow }),
    async () => ({ allowedHours: next.quietHoursWindow }),
  )
  if (problems.length === 0) return
  throw new ApiError(
    409,
    'policies_break_live_journeys',
    {
      en: "These allowed sending hours would leave live journeys no time to send; nothing was saved. Change those journeys' sending hours and publish them first, or choose hours that overlap them",
      zh: '此允许发送时段会使运行中的旅程没有可发送的时间,未保存。请先修改这些旅程的发送时段并重新发布,或选择与其有重叠的时段',
    },
    problems,
  )
}
