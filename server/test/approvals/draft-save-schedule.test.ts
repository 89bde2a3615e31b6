import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { publishSchedules } from '../../src/db/schema/index'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { live, type Session, signIn, withSecondText } from './fixture'

const NOW = Date.parse('2026-11-24T10:15:00+08:00')
const INTERNAL = [500, 'internal', 'Something went wrong on our side; nothing was changed']

/**
 * A draft saved by someone other than the scheduler fails the pending scheduled publish; the save
 * and that failure are one transaction. A failure of either write leaves both as they were: never
 * a saved draft beside a schedule still pending, which would put the unreviewed draft live.
 */
describe.each(DATABASE_KINDS)('a draft save and the scheduled publish it fails, on %s', (kind) => {
  let app: FastifyInstance
  let hal: Session

  /** The draft as stored and the schedule's failure: [revision, second text, saved by, failure code, failed at]. */
  async function stored() {
    const { journey } = (await app.inject({ method: 'GET', url: '/api/journeys/lapsed' })).json()
    const [schedule] = await app.database.db.select({ failure: publishSchedules.failure, failedAt: publishSchedules.failedAt }).from(publishSchedules)
    const second = journey.draft.nodes.find((node: { id: string }) => node.id === 'second').data.text
    return [journey.draftRevision, second, journey.draftSavedBy, schedule?.failure?.code ?? null, schedule?.failedAt?.toISOString() ?? null]
  }
  const saveAsHal = async (text: string, headers: Record<string, string> = {}) => {
    const answer = await app.inject({ method: 'PUT', url: '/api/journeys/lapsed/draft', headers: { ...hal.headers, ...headers }, payload: withSecondText(text) })
    return [answer.statusCode, answer.json().error, answer.json().message]
  }
  /** Makes every update of `table` fail inside the database, as a lost connection or a full disk would. */
  const failUpdatesOf = (table: 'journeys' | 'publish_schedules') =>
    app.database.db.execute(sql.raw(`create trigger injected_failure before update on ${table} for each row execute function injected_failure()`))

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => NOW })
    expect((await app.inject({ method: 'POST', url: '/api/journeys', payload: live })).statusCode).toBe(201)
    const gus = await signIn(app, 'Gus', 'admin')
    hal = await signIn(app, 'Hal', 'editor', false)
    const scheduled = await app.inject({
      method: 'PUT',
      url: '/api/journeys/lapsed/schedule',
      headers: gus.headers,
      payload: { localTime: '2026-11-24T04:00', timeZone: 'UTC' },
    })
    expect(scheduled.statusCode).toBe(200)
    await app.database.db.execute(sql.raw(`create function injected_failure() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`))
  }, 300_000)
  afterEach(async () => {
    for (const table of ['journeys', 'publish_schedules']) await app.database.db.execute(sql.raw(`drop trigger if exists injected_failure on ${table}`))
  })
  afterAll(async () => {
    await app?.close()
  })

  it('does not save the draft when the schedule cannot be failed', async () => {
    await failUpdatesOf('publish_schedules')
    expect(await saveAsHal('UNREVIEWED')).toEqual(INTERNAL)
    expect(await stored()).toEqual([1, '九折券明天到期', null, null, null])
  })

  it('does not fail the schedule when the draft cannot be saved', async () => {
    await failUpdatesOf('journeys')
    expect(await saveAsHal('UNREVIEWED')).toEqual(INTERNAL)
    expect(await stored()).toEqual([1, '九折券明天到期', null, null, null])
  })

  it('does not fail the schedule for a save refused because a newer draft was saved meanwhile', async () => {
    const [status, code] = await saveAsHal('UNREVIEWED', { 'if-match': '"0"' })
    expect([status, code]).toEqual([412, 'draft_changed'])
    expect(await stored()).toEqual([1, '九折券明天到期', null, null, null])
  })

  it('keeps the schedule when the save changes nothing (the draft as it was)', async () => {
    expect((await saveAsHal('九折券明天到期'))[0]).toBe(200)
    expect(await stored()).toEqual([2, '九折券明天到期', 'Hal', null, null])
  })

  it('saves the draft and fails the schedule together, naming who changed it', async () => {
    expect((await saveAsHal('UNREVIEWED'))[0]).toBe(200)
    expect(await stored()).toEqual([3, 'UNREVIEWED', 'Hal', 'draft_changed_after_schedule', new Date(NOW).toISOString()])
  })
})
