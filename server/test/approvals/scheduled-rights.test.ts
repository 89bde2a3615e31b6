import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiKeys } from '../../src/db/schema/index'
import { scheduledPublisher } from '../../src/worker/scheduled-publish'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { changeUser, live, makeKey, type Session, signIn, withSecondText } from './fixture'

const HOUR = 3_600_000

/**
 * A scheduled publish is judged when due by its scheduler's rights at that moment: for a key, its
 * maker's current role and "can publish". When nobody may carry it out, it fails saying why.
 */
describe.each(DATABASE_KINDS)('the rights a scheduled publish is judged by when due, on %s', (kind) => {
  let app: FastifyInstance
  let clock = Date.parse('2026-11-24T10:15:00+08:00')
  const signedIn: Record<string, Session> = {}
  const journey = async () => (await app.inject({ method: 'GET', url: '/api/journeys/lapsed' })).json()

  /**
   * Schedules the draft with `scheduler` an hour ahead, lets `meanwhile` happen, then lets it come
   * due. Answers whether it went live and the failure recorded (cleared afterwards for the next case).
   */
  async function dueAfter(scheduler: Session, meanwhile: () => Promise<unknown> = async () => {}) {
    const before = (await journey()).journey.liveVersion
    await app.inject({ method: 'PUT', url: '/api/journeys/lapsed/draft', payload: withSecondText(`九折券 ${clock}`) })
    const localTime = new Date(clock + HOUR).toISOString().slice(0, 16)
    const scheduled = await app.inject({ method: 'PUT', url: '/api/journeys/lapsed/schedule', headers: scheduler.headers, payload: { localTime, timeZone: 'UTC' } })
    expect(scheduled.statusCode).toBe(200)
    await meanwhile()
    clock += 2 * HOUR
    expect(await scheduledPublisher(app.database.db, () => clock).publishDue()).toBe(1)
    const after = await journey()
    const failure = after.schedule?.failure ?? null
    if (failure) expect((await app.inject({ method: 'DELETE', url: '/api/journeys/lapsed/schedule' })).statusCode).toBe(204)
    return { published: after.journey.liveVersion === before + 1, failure }
  }

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => clock })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: live })
    expect((await app.inject({ method: 'POST', url: '/api/journeys/lapsed/publish', payload: { note: 'first' } })).statusCode).toBe(200)
    for (const name of ['Ada', 'Bob', 'Cy', 'Dan', 'Gus']) signedIn[name] = await signIn(app, name, 'admin')
    signedIn.Fay = await signIn(app, 'Fay', 'editor', true)
    signedIn.Hal = await signIn(app, 'Hal', 'editor', false)
  }, 300_000)
  afterAll(async () => {
    await app?.close()
  })

  it('does not publish a draft an editor without "can publish" changed after it was scheduled, naming who', async () => {
    const saveAs = (editor: Session, text: string) => app.inject({ method: 'PUT', url: '/api/journeys/lapsed/draft', headers: editor.headers, payload: withSecondText(text) })
    const before = (await journey()).journey.liveVersion
    const localTime = new Date(clock + HOUR).toISOString().slice(0, 16)
    const scheduled = await app.inject({ method: 'PUT', url: '/api/journeys/lapsed/schedule', headers: (signedIn.Gus as Session).headers, payload: { localTime, timeZone: 'UTC' } })
    expect(scheduled.statusCode).toBe(200)
    expect((await saveAs(signedIn.Hal as Session, 'UNREVIEWED')).statusCode).toBe(200)
    // Failed at the save, so nothing is due when its time comes.
    clock += 2 * HOUR
    expect(await scheduledPublisher(app.database.db, () => clock).publishDue()).toBe(0)
    const after = await journey()
    expect([after.journey.liveVersion, after.schedule.failure.message]).toEqual([
      before,
      {
        en: 'Not published: Hal changed the draft after Gus scheduled it. Someone who may publish must look at the change and schedule it again',
        zh: '未发布:Gus 安排定时发布后,Hal 修改了草稿。需由有发布权限的人查看修改后重新安排',
      },
    ])
    expect((await app.inject({ method: 'DELETE', url: '/api/journeys/lapsed/schedule' })).statusCode).toBe(204)
    // The scheduler's own later saves, through a key of theirs too, keep the schedule.
    const key = await makeKey(app, signedIn.Gus as Session, 'Gus CI')
    const own = await dueAfter(signedIn.Gus as Session, async () => expect((await saveAs(key.caller, `九折券 by Gus ${clock}`)).statusCode).toBe(200))
    expect(own).toMatchObject({ published: true, failure: null })
  })

  it("names a key's maker when their key changes a scheduled draft: a key's own name could pose as anyone", async () => {
    const posing = await makeKey(app, signedIn.Ada as Session, 'Gus')
    const localTime = new Date(clock + HOUR).toISOString().slice(0, 16)
    const scheduled = await app.inject({ method: 'PUT', url: '/api/journeys/lapsed/schedule', headers: (signedIn.Gus as Session).headers, payload: { localTime, timeZone: 'UTC' } })
    expect(scheduled.statusCode).toBe(200)
    const saved = await app.inject({ method: 'PUT', url: '/api/journeys/lapsed/draft', headers: posing.caller.headers, payload: withSecondText(`九折券 via key ${clock}`) })
    expect([saved.statusCode, saved.json().journey.draftSavedBy]).toEqual([200, 'Ada (API key "Gus")'])
    expect((await journey()).schedule.failure.message).toEqual({
      en: 'Not published: Ada (API key "Gus") changed the draft after Gus scheduled it. Someone who may publish must look at the change and schedule it again',
      zh: '未发布:Gus 安排定时发布后,Ada(API 密钥"Gus") 修改了草稿。需由有发布权限的人查看修改后重新安排',
    })
    expect((await app.inject({ method: 'DELETE', url: '/api/journeys/lapsed/schedule' })).statusCode).toBe(204)
  })

  it("publishes with an admin's key while the admin is still one", async () => {
    const key = await makeKey(app, signedIn.Ada as Session, 'Ada CI')
    expect(await dueAfter(key.caller)).toMatchObject({ published: true, failure: null })
  })

  it('does not publish with the key of an admin since made an editor without "can publish", saying it is the scheduler who now needs a review', async () => {
    const key = await makeKey(app, signedIn.Bob as Session, 'Bob CI')
    const due = await dueAfter(key.caller, () => changeUser(app, 'Bob', { role: 'editor', canPublish: false }))
    expect([due.published, due.failure.message]).toEqual([
      false,
      {
        en: 'Not published: whoever scheduled it may no longer publish without a review ("can publish" was taken from them). Submit this version for review, or schedule it again as someone who can publish',
        zh: '未发布:安排此次发布的人已不能不经审批直接发布("可直接发布"权限已被取消)。请提交此版本审核,或由有发布权限的人重新安排',
      },
    ])
  })

  it('does not publish with the key of an admin since made a viewer, saying the scheduler may no longer publish', async () => {
    const key = await makeKey(app, signedIn.Cy as Session, 'Cy CI')
    const due = await dueAfter(key.caller, () => changeUser(app, 'Cy', { role: 'viewer' }))
    expect([due.published, due.failure.message]).toEqual([
      false,
      {
        en: 'Not published: whoever scheduled it may no longer publish journeys (their role changed). Schedule it again as someone who can',
        zh: '未发布:安排此次发布的人已不能发布旅程(角色已变更)。请由有发布权限的人重新安排',
      },
    ])
  })

  it('does not publish with a key revoked since, saying so', async () => {
    const key = await makeKey(app, signedIn.Dan as Session, 'Dan CI')
    const due = await dueAfter(key.caller, () => app.inject({ method: 'DELETE', url: `/api/api-keys/${key.id}` }))
    expect([due.published, due.failure.message]).toEqual([
      false,
      { en: 'Not published: the API key that scheduled it has been revoked. Schedule it again', zh: '未发布:安排此次发布的 API 密钥已被吊销。请重新安排' },
    ])
  })

  it('does not publish what a user removed since scheduled, saying so', async () => {
    const due = await dueAfter(signedIn.Fay as Session, () => changeUser(app, 'Fay', { remove: true }))
    expect([due.published, due.failure.message]).toEqual([
      false,
      {
        en: 'Not published: the user who scheduled it (or made the API key that did) has been removed. Schedule it again',
        zh: '未发布:安排此次发布的用户(或创建该 API 密钥的用户)已被移除。请重新安排',
      },
    ])
  })

  it('does not publish with a key nobody made (from before keys recorded their maker), saying an admin must issue a new one', async () => {
    const key = await makeKey(app, signedIn.Gus as Session, 'Gus CI')
    // As a key made with a key was stored before the fix: no maker.
    const due = await dueAfter(key.caller, () => app.database.db.update(apiKeys).set({ createdBy: null }).where(eq(apiKeys.id, key.id)))
    expect([due.published, due.failure.message.en]).toEqual([
      false,
      'Not published: the API key that scheduled it was made before Recall recorded who made each key, so nobody answers for it. An admin must issue a new key; schedule it again',
    ])
  })
})
