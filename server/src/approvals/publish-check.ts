import type { ApprovalRule, PublishForecastFigures } from '@recall/shared'
import { eq } from 'drizzle-orm'
import type { Database } from '../db/database'
import { journeys } from '../db/schema/index'
import { DEFAULT_FORECAST_DAYS, forecastPublish } from '../forecast/forecast'
import { ApiError } from '../plugins/errors'
import { journeyNotFound } from '../repositories/journey-refusals'
import { publishableOrThrow } from '../repositories/journeys'
import { workspaceSettingsRepository } from '../repositories/workspace-settings'
import type { PublishRights } from './rights'
import { approvalReasons, approvalRequired, limitsPassed } from './rule'

/** The cost limit reads the forecast over the days the publish dialog shows by default. */
export const APPROVAL_FORECAST_DAYS = DEFAULT_FORECAST_DAYS

const ruleIsOn = (rule: ApprovalRule) => rule.approvalMessagesPer24h !== null || rule.approvalCost !== null

export async function approvalRule(db: Database): Promise<ApprovalRule> {
  const { approvalMessagesPer24h, approvalCost } = await workspaceSettingsRepository(db).load()
  return { approvalMessagesPer24h, approvalCost }
}

/**
 * The draft's forecast from the live state (the forecast builder's own function), with the limits it
 * passes; null for a journey never published, which has no live state to forecast from.
 */
export async function draftForecast(db: Database, journeyId: string, now: number, migrate: boolean, rule: ApprovalRule): Promise<PublishForecastFigures | null> {
  try {
    const { days, proposed } = await forecastPublish(db, journeyId, { now, days: APPROVAL_FORECAST_DAYS, migrate })
    return { next24hMessages: proposed.next24hMessages, cost: proposed.cost, days, over: limitsPassed(rule, proposed) }
  } catch (refusal) {
    if (refusal instanceof ApiError && refusal.code === 'journey_not_published') return null
    throw refusal
  }
}

/** The draft's revision, once it is known to be publishable: 404 without the journey, 422 while the draft has errors (nothing to forecast or review yet). */
export async function publishableDraftRevision(db: Database, journeyId: string): Promise<number> {
  const [journey] = await db.select({ revision: journeys.draftRevision, draft: journeys.draft }).from(journeys).where(eq(journeys.id, journeyId))
  if (!journey) throw journeyNotFound(journeyId)
  await publishableOrThrow(db, journey.draft)
  return journey.revision
}

/**
 * Whether someone with `rights` may publish the journey's draft now without a review: refused with
 * 403 `approval_required` otherwise. Answers the forecast it was judged by (none while the workspace
 * has no rule) and the draft revision it was judged on, which the publish must still find.
 */
export async function checkPublish(
  db: Database,
  journeyId: string,
  rights: PublishRights,
  { now, migrate }: { now: number; migrate: boolean },
): Promise<{ forecast: PublishForecastFigures | null; revision: number }> {
  const revision = await publishableDraftRevision(db, journeyId)
  const rule = await approvalRule(db)
  if (rights === 'submitter') throw approvalRequired(['no_publish_right'], rule, null)
  if (!ruleIsOn(rule)) return { forecast: null, revision }
  const forecast = await draftForecast(db, journeyId, now, migrate, rule)
  const reasons = approvalReasons(rights, forecast?.over)
  if (reasons.length > 0) throw approvalRequired(reasons, rule, forecast)
  return { forecast, revision }
}
