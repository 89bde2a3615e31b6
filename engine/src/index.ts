export { type CompiledJourney, compileJourney, waitEndedEvent } from './compile'
export { conditionStableUntil } from './condition-timing'
export { matchesCondition, matchesFilter, readsEvents } from './conditions'
export { canEnter, type EntryDecision, nextDateTrigger, type PastEnrollment, triggerForEvent, triggers } from './entry'
export { admitThroughThrottle, hasEntryThrottle, type ThrottleState, throttleOf, throttlePeriodMs } from './entry-throttle'
export { CODE_ALPHABET, couponCodeFor, hash32, unitInterval } from './hash'
export { CompiledJourneyCache } from './journey-cache'
export { migrateEnrollment } from './migrate'
export type { ComposedSend, SendEffect } from './nodes/compose'
export { SHORT_LINK_CODE_LENGTH, shortLinkCode } from './nodes/compose'
export { nodeSemantics } from './nodes/index'
export { type AudienceZones, audienceZoneProblems } from './policies/audience-zone-checks'
export { blockingCap, dailyCeilingReached, durationMs } from './policies/caps'
export { type ContactZones, contactTimeZone, contactZones, countryClocks, describeZones, withLegalTime, type ZonedContact, zoneSpan } from './policies/contact-zones'
export { type ControlGroup, HELD_OUT_MESSAGE, inControlGroup, MAX_CONTROL_GROUP_PERCENT } from './policies/control-group'
export { describeLocal, hoursThatHold, type NamedZones, resumeZone, type WindowHold, windowHoldReason, windowReason } from './policies/hold-reasons'
export { type CapRule, DEFAULT_CAPS, DEFAULT_DAILY_MESSAGE_CEILING, defaultPolicies, type Holiday, holidaysFor, type SendPolicies } from './policies/policies'
export {
  describeProviderDailyLimit,
  describeProviderWindow,
  insideProviderWindow,
  jointOpening,
  type ProviderSendRule,
  providerDailyBlock,
  providerWindowReason,
  sendClocks,
} from './policies/provider-rules'
export { decideSend, describeCap, noWindowReason, optOutReason, type SendDecision } from './policies/send-gate'
export { judgeTestSend, recipientZones, type TestRecipient, type TestSendJudgement } from './policies/test-send-gate'
export { type Clock, effectiveWeeklyWindow, type JointOpening, nextOpening, openingOnEveryClock, requiredWeeklyWindow } from './policies/window'
export { type ComposedMessage, composeMessages, isMessageNode, type MessageNode, messageNodesInOrder } from './preview'
export { compareWorkspaceRuns } from './simulator/compare'
export { forecastFromLiveState, type LiveEnrollment, type LiveStateForecast, type LiveStateInput, type RemovedNodeReach, type ScenarioForecast } from './simulator/from-live-state'
export { mergeSimulationResults } from './simulator/merge'
export { seededRandom } from './simulator/random'
export { simulate } from './simulator/simulate'
export type * from './simulator/types'
export type { Stepper } from './simulator/types'
export { DEFAULT_TIMELINE_CONTACTS } from './simulator/types'
export { simulateWorkspace } from './simulator/workspace'
export type * from './simulator/workspace-types'
export { makeRunContext, newEnrollmentState, type StartOptions, type StepOptions, start, step } from './step'
export * from './time/zoned'
export type * from './types'
