import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/database'
import { scheduledPublisher } from '../../src/worker/scheduled-publish'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { live, type Session, signIn, withSecondText } from './fixture'

const HOUR = 3_600_000
const HAL_CHANGED_IT = 'Not published: Hal changed the draft after Gus scheduled it. Someone who may publish must look at the change and schedule it again'

/**
 * A draft saved while its scheduled publish is being carried out, at the two moments the publisher
 * does not hold the draft: between judging it and claiming the schedule, and while its claim is
 * held. Whatever the moment: the edit is never lost, an editor's unreviewed change never goes live,
 * and the scheduler's own change is judged before it goes live.
 */
describe.each(DATABASE_KINDS)('a draft saved while its scheduled publish runs, on %s', (kind) => {
  let app: FastifyInstance
  let clock = Date.parse('2026-11-24T10:15:00+08:00')
  let gus: Session
  let hal: Session
  const secondTextOf = (document: { nodes: { id: string; data: { text?: string } }[] }) => document.nodes.find((node) => node.id === 'second')?.data.text
  const journey = async () => (await app.inject({ method: 'GET', url: '/api/journeys/lapsed' })).json()
  /** [live version, its second text, the draft's second text, the schedule's failure (English) or whether one is pending]. */
  const state = async () => {
    const { journey: stored, schedule } = await journey()
    const version = (await app.inject({ method: 'GET', url: `/api/journeys/lapsed/versions/${stored.liveVersion}` })).json()
    return [stored.liveVersion, secondTextOf(version.document), secondTextOf(stored.draft), schedule ? (schedule.failure?.message.en ?? 'pending') : 'none']
  }
  const save = async (saver: Session, text: string) => {
    const revision = (await journey()).journey.draftRevision
    const answer = await app.inject({ method: 'PUT', url: '/api/journeys/lapsed/draft', headers: { ...saver.headers, 'if-match': `"${revision}"` }, payload: withSecondText(text) })
    expect(answer.statusCode).toBe(200)
  }
  /** Gus schedules `text` as the draft an hour ahead; the clock then moves past it. */
  async function scheduleAndComeDue(text: string) {
    await save(gus, text)
    const localTime = new Date(clock + HOUR).toISOString().slice(0, 16)
    expect((await app.inject({ method: 'PUT', url: '/api/journeys/lapsed/schedule', headers: gus.headers, payload: { localTime, timeZone: 'UTC' } })).statusCode).toBe(200)
    clock += 2 * HOUR
  }
  /** The database as the publisher sees it, running `meanwhile` after the draft was judged and before the claim's transaction opens. */
  const betweenCheckAndClaim = (meanwhile: () => Promise<void>): Database =>
    new Proxy(app.database.db, {
      get(target, property, receiver) {
        if (property !== 'transaction') return Reflect.get(target, property, receiver)
        return async (...args: Parameters<Database['transaction']>) => {
          await meanwhile()
          return target.transaction(...args)
        }
      },
    })

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => clock })
    expect((await app.inject({ method: 'POST', url: '/api/journeys', payload: live })).statusCode).toBe(201)
    expect((await app.inject({ method: 'POST', url: '/api/journeys/lapsed/publish', payload: { note: 'first' } })).statusCode).toBe(200)
    gus = await signIn(app, 'Gus', 'admin')
    hal = await signIn(app, 'Hal', 'editor', false)
  }, 300_000)
  afterEach(async () => {
    await app.database.db.execute(sql.raw('drop trigger if exists slow_delete on publish_schedules'))
    await app.inject({ method: 'DELETE', url: '/api/journeys/lapsed/schedule', headers: gus.headers })
  })
  afterAll(async () => {
    await app?.close()
  })

  it("an editor's save between the check and the claim fails the schedule: the judged draft is not published either", async () => {
    await scheduleAndComeDue('九折券 A')
    const [version] = await state()
    const publisher = scheduledPublisher(
      betweenCheckAndClaim(() => save(hal, 'UNREVIEWED A')),
      () => clock,
    )
    expect(await publisher.publishDue()).toBe(0)
    expect(await state()).toEqual([version, '九折券明天到期', 'UNREVIEWED A', HAL_CHANGED_IT])
  })

  it("the scheduler's own save between the check and the claim is judged on the next round, then published", async () => {
    await scheduleAndComeDue('Gus 原稿')
    const [version] = await state()
    const publisher = scheduledPublisher(
      betweenCheckAndClaim(() => save(gus, 'Gus 改稿')),
      () => clock,
    )
    // The claim finds a newer draft than the one judged: nothing goes live unjudged, nothing fails.
    expect(await publisher.publishDue()).toBe(0)
    expect(await state()).toEqual([version, expect.any(String), 'Gus 改稿', 'pending'])
    expect(await scheduledPublisher(app.database.db, () => clock).publishDue()).toBe(1)
    expect(await state()).toEqual([(version as number) + 1, 'Gus 改稿', 'Gus 改稿', 'none'])
  })

  it("an editor's save while the publish holds its claim waits for it, then is kept as the new draft", async () => {
    await scheduleAndComeDue('九折券 B')
    const [version] = await state()
    // The publish holds the schedule and the journey locked for half a second before it commits.
    await app.database.db.execute(sql.raw('create or replace function slow_delete() returns trigger language plpgsql as $$ begin perform pg_sleep(0.5); return old; end $$'))
    await app.database.db.execute(sql.raw('create trigger slow_delete before delete on publish_schedules for each row execute function slow_delete()'))
    let saved: Promise<void> | undefined
    const publisher = scheduledPublisher(
      betweenCheckAndClaim(async () => {
        // Started now, it reaches the schedule's row while the claim below holds it.
        saved = new Promise((resolve) => setTimeout(resolve, 100)).then(() => save(hal, 'UNREVIEWED B'))
      }),
      () => clock,
    )
    expect(await publisher.publishDue()).toBe(1)
    await saved
    expect(await state()).toEqual([(version as number) + 1, '九折券 B', 'UNREVIEWED B', 'none'])
  })
})
