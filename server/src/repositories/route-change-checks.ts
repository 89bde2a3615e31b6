import { type DeliveryContext, type JourneyDocument, type Problem, validateJourney } from '@recall/shared'
import { and, eq, inArray } from 'drizzle-orm'
import { journeys, journeyVersions } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import type { StoredProviderSettings } from '../providers/settings'
import type { Executor } from '../worker/contact-view'
import { deliveryContext } from './delivery-context'

const errorsOf = (document: JourneyDocument, delivery: DeliveryContext) => validateJourney(document, { delivery }).problems.filter((problem) => problem.severity === 'error')

/**
 * Problems the new settings would add to the live version of every live or paused journey: a
 * free-text SMS routed to a template cloud fails `no_template` on every send, so such a route is
 * refused until those journeys are republished. Problems the journey already had are not blamed on the change.
 */
async function brokenLiveVersions(db: Executor, current: StoredProviderSettings, next: StoredProviderSettings): Promise<Problem[]> {
  const running = await db
    .select({ id: journeys.id, name: journeys.name, version: journeyVersions.version, document: journeyVersions.document })
    .from(journeys)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)))
    .where(inArray(journeys.status, ['live', 'paused']))
    .orderBy(journeys.id)
  if (running.length === 0) return []
  const [before, after] = await Promise.all([deliveryContext(db, current), deliveryContext(db, next)])
  return running.flatMap((journey) => {
    const known = new Set(errorsOf(journey.document, before).map((problem) => `${problem.code} ${problem.path}`))
    return errorsOf(journey.document, after)
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
  const problems = await brokenLiveVersions(db, current, next)
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
