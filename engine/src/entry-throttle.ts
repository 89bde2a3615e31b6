import type { JourneyDocument, JourneyNodeOf, LocalizedText } from '@recall/shared'
import { describeLocal } from './policies/hold-reasons'
import { HOUR, MINUTE } from './time/zoned'

type Throttle = NonNullable<JourneyNodeOf<'trigger'>['data']['throttle']>

/** Where a throttled trigger stands: the clock minute or hour being filled, how full it is, and the last admission. */
export interface ThrottleState {
  windowStart: number
  admitted: number
  lastAdmitAt: number
}

export const throttlePeriodMs = (throttle: Throttle): number => (throttle.per === 'minute' ? MINUTE : HOUR)

/**
 * When a contact arriving at `arrival` enters through a throttled trigger: at once while the
 * current clock minute (or hour) has room, otherwise when the next one with room opens. Arrivals
 * are admitted in order, never before an earlier arrival, and none is dropped.
 */
export function admitThroughThrottle(throttle: Throttle, state: ThrottleState | undefined, arrival: number): { at: number; state: ThrottleState } {
  const period = throttlePeriodMs(throttle)
  let at = Math.max(arrival, state?.lastAdmitAt ?? arrival)
  let windowStart = Math.floor(at / period) * period
  let admitted = state && state.windowStart === windowStart ? state.admitted : 0
  if (admitted >= throttle.limit) {
    windowStart += period
    at = windowStart
    admitted = 0
  }
  return { at, state: { windowStart, admitted: admitted + 1, lastAdmitAt: at } }
}

/** The throttle of the trigger a contact enters by, if it has one. */
export function throttleOf(document: JourneyDocument, triggerNodeId: string): Throttle | undefined {
  const node = document.nodes.find((candidate) => candidate.id === triggerNodeId)
  return node?.type === 'trigger' ? node.data.throttle : undefined
}

/** Whether any trigger throttles entries: then contacts depend on each other and one simulation must see them all. */
export const hasEntryThrottle = (document: JourneyDocument): boolean => document.nodes.some((node) => node.type === 'trigger' && node.data.throttle !== undefined)

/** What a queued contact's timeline says: the limit, and when it enters (grouped by cause, like held sends). */
export function throttleReason(throttle: Throttle, admitAt: number, timeZone: string): LocalizedText {
  const enters = describeLocal(admitAt, timeZone)
  const per = throttle.per === 'minute' ? { en: 'minute', zh: '分钟' } : { en: 'hour', zh: '小时' }
  return {
    en: `queued: at most ${throttle.limit} entries per ${per.en}, resumes ${enters.en}`,
    zh: `排队:每${per.zh}最多进入 ${throttle.limit} 人,将于 ${enters.zh} 进入`,
  }
}
