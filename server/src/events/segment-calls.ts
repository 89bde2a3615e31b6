import { type Locale, localize } from '@recall/shared'
import type { JourneyRunner } from '../worker/runner'
import { type IdentifyCall, identifyContacts } from './identify'
import type { EventOutcome, IncomingEvent, IntakeSummary } from './intake'
import { readCall } from './segment-spec'

export type BatchAnswer = IntakeSummary & { entered: number }

/**
 * Takes identify and track calls in one transaction: identifies first (so a batch may introduce
 * a user and track them), then the events. Every call is answered by its index; a malformed one
 * is refused with its field and does not stop the others.
 */
export async function ingestSegmentCalls(
  runner: JourneyRunner,
  values: readonly unknown[],
  { pathOf, expected, masksContacts }: { pathOf: (index: number) => string; expected?: 'identify' | 'track'; masksContacts: boolean },
): Promise<BatchAnswer> {
  const refused: EventOutcome[] = []
  const identifies: { call: IdentifyCall; index: number; path: string }[] = []
  const tracks: IncomingEvent[] = []
  const trackIndex: number[] = []
  values.forEach((value, index) => {
    const read = readCall(value, pathOf(index), expected)
    if (Array.isArray(read)) refused.push({ index, status: 'refused', problems: read })
    else if (read.kind === 'identify') identifies.push({ call: read.call, index, path: pathOf(index) })
    else {
      tracks.push(read.event)
      trackIndex.push(index)
    }
  })
  let identified: Awaited<ReturnType<typeof identifyContacts>> = { outcomes: [], created: 0 }
  const tracked = await runner.ingestEvents(tracks, {
    before: async (tx) => {
      identified = await identifyContacts(tx, identifies)
    },
    contactField: 'userId',
    masksContacts,
    indexOf: (index) => trackIndex[index] as number,
    pathOf: (index) => pathOf(trackIndex[index] as number),
  })
  const events = [...refused, ...identified.outcomes, ...tracked.events].sort((a, b) => a.index - b.index)
  const count = (status: EventOutcome['status']) => events.filter((outcome) => outcome.status === status).length
  return {
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    refused: count('refused'),
    created: tracked.created + identified.created,
    entered: tracked.entered,
    events,
  }
}

/**
 * The answer with each refusal's reason in the request's language as well as both. Contacts created
 * and journeys entered are told only to a caller that `seesContacts`: to any other they would say
 * which contacts existed before.
 */
export function localizedAnswer({ created, entered, ...answer }: BatchAnswer, locale: Locale, seesContacts: boolean) {
  return {
    ...answer,
    ...(seesContacts ? { created, entered } : {}),
    events: answer.events.map((outcome) =>
      outcome.problems ? { ...outcome, problems: outcome.problems.map((problem) => ({ ...problem, text: localize(problem.message, locale) })) } : outcome,
    ),
  }
}
