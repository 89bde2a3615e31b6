import { claimBatchFor, type DatabaseHandle, journeyRunner, schema, stepLoopsFor } from '@recall/server'
import { count, eq } from 'drizzle-orm'
import { linearJourney, numberedContacts, setUpLiveJourneys, transactionalSms, waitMinutes } from '../../support/fixtures'
import { STEPS_PER_CONTACT } from './graphile'

const MINUTE = 60_000
const START = Date.parse('2026-11-24T10:00:00+08:00')

/**
 * The job queue's journey in Recall's terms: six wakes per contact, every second one sending a
 * message (wait, wait → SMS, wait, wait → SMS, wait, wait → SMS → exit). Transactional, so no
 * send window or cap holds anything back.
 */
const sixSteps = linearJourney(
  'six-steps',
  [1, 2, 3].flatMap((round) => [waitMinutes(`w${round}a`, 1), waitMinutes(`w${round}b`, 1), transactionalSms(`s${round}`, `第${round}条消息`)]),
  { trigger: { on: 'api' } },
)

/** Each event enrolls the contact and queues its first message. */
const signUp = linearJourney('sign-up', [transactionalSms('welcome', '欢迎加入'), waitMinutes('pause', 24 * 60)], {
  trigger: { on: 'event', event: 'signed_up' },
  settings: { entry: { reentry: 'after_exit' } },
})

export interface RecallFigures {
  stepLoops: number
  stepsPerSecond: number
  plainEventsPerSecond: number
  enrollingEventsPerSecond: number
  /** The same events in two requests of half as many at once, as a pipeline with two connections sends them. */
  enrollingTwoRequestsPerSecond: number
}

/**
 * Recall's worker on the six-step journey (one worker loop: claim a batch, step it, write it),
 * then its ingestion of events that match no trigger and of events that each enroll.
 */
export async function measureRecall(handle: DatabaseHandle, stepContacts: number, eventContacts: number): Promise<RecallFigures> {
  // Set-up runs at a fixed time; the worker then runs on a clock where one real millisecond is
  // a simulated minute, so each wait ends as soon as a job queue's next job would be runnable.
  let clock = () => START
  const runner = journeyRunner(handle.db, { clock: () => clock() })
  const people = numberedContacts('C', Math.max(stepContacts, 2 * eventContacts), '137')
  await setUpLiveJourneys(handle, [sixSteps, signUp], people)
  const stepping = people.slice(0, stepContacts).map((person) => person.id)
  for (let index = 0; index < stepping.length; index += 5_000) await runner.enrollByApi(sixSteps.id, stepping.slice(index, index + 5_000))

  const stepLoops = stepLoopsFor(handle.kind, process.env)
  const total = stepContacts * STEPS_PER_CONTACT
  const origin = performance.now()
  clock = () => START + (performance.now() - origin) * MINUTE
  let steps = 0
  // As `recall worker` runs them: RECALL_STEP_LOOPS batches at once (two by default on PostgreSQL), of 1,000 steps each.
  const claimLoop = async () => {
    while (steps < total) {
      const claimed = await runner.processDue(claimBatchFor(handle.kind))
      steps += claimed
      if (claimed === 0) await new Promise((resolve) => setTimeout(resolve, 1))
    }
  }
  await Promise.all(Array.from({ length: stepLoops }, claimLoop))
  const stepsPerSecond = steps / ((performance.now() - origin) / 1000)
  await expectRows(handle, stepContacts)

  const later = clock() + 60 * MINUTE
  clock = () => later
  const ids = people.map((person) => person.id)
  /** Events per second for these contacts, sent as `requests` requests at once. */
  const rate = async (name: string, contacts: string[], requests = 1) => {
    const started = performance.now()
    const share = Math.ceil(contacts.length / requests)
    await Promise.all(
      Array.from({ length: requests }, (_, index) => runner.ingestEvents(contacts.slice(index * share, (index + 1) * share).map((contactId) => ({ contactId, name })))),
    )
    return contacts.length / ((performance.now() - started) / 1000)
  }
  const plainEventsPerSecond = await rate('app_open', ids.slice(0, eventContacts))
  const enrollingEventsPerSecond = await rate('signed_up', ids.slice(0, eventContacts))
  // Contacts not yet in the sign-up journey, so each of these events enrolls too.
  const enrollingTwoRequestsPerSecond = await rate('signed_up', ids.slice(eventContacts, 2 * eventContacts), 2)
  const [enrolled] = await handle.db.select({ n: count() }).from(schema.enrollments).where(eq(schema.enrollments.journeyId, signUp.id))
  const [welcomed] = await handle.db.select({ n: count() }).from(schema.messages).where(eq(schema.messages.nodeId, 'welcome'))
  if (enrolled?.n !== 2 * eventContacts || welcomed?.n !== 2 * eventContacts)
    throw new Error(`Recall enrolled ${enrolled?.n} and queued ${welcomed?.n} welcome messages for ${2 * eventContacts} sign-ups`)
  return { stepLoops, stepsPerSecond, plainEventsPerSecond, enrollingEventsPerSecond, enrollingTwoRequestsPerSecond }
}

/** The figure counts only work that was done: every contact exited and three messages each. */
async function expectRows(handle: DatabaseHandle, contacts: number): Promise<void> {
  const [exited] = await handle.db.select({ n: count() }).from(schema.enrollments).where(eq(schema.enrollments.status, 'exited'))
  const [queued] = await handle.db.select({ n: count() }).from(schema.messages)
  if (exited?.n !== contacts || queued?.n !== contacts * 3) throw new Error(`Recall left ${exited?.n} exited enrollments and ${queued?.n} messages for ${contacts} contacts`)
}
