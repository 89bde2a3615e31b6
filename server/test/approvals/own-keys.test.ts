import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approvalRequests } from '../../src/db/schema/index'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { live, makeKey, type Session, signIn, withSecondText } from './fixture'

const OWN = {
  en: 'You cannot review your own submission, nor with another of your API keys: someone else must',
  zh: '不能审核自己的提交(用你的其他 API 密钥也不行),需由他人审核',
}

/** Four-eyes publishing counts people, not credentials: a key acts for the user who made it. */
describe.each(DATABASE_KINDS)('reviewing with your own keys on %s', (kind) => {
  let app: FastifyInstance
  let ada: Session // admin who makes the keys
  let bob: Session // another admin
  let keyA: Session
  let keyB: Session
  let keyC: Session // made with key A, so Ada's too
  let keyAId = ''
  const call = (caller: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, language = 'en') =>
    app.inject({ method, url: `/api/journeys/lapsed${url}`, headers: { ...caller.headers, 'accept-language': language }, ...(payload ? { payload } : {}) })
  const submit = async (submitter: Session, text: string) => {
    expect((await call(submitter, 'PUT', '/draft', withSecondText(text))).statusCode).toBe(200)
    const submitted = await call(submitter, 'POST', '/approvals', { note: text })
    expect(submitted.statusCode).toBe(201)
    return submitted.json().approval as { id: string; canReview: boolean }
  }
  const canReview = async (viewer: Session, id: string) =>
    (await call(viewer, 'GET', '/approvals')).json().approvals.find((approval: { id: string }) => approval.id === id).canReview

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => Date.parse('2026-11-24T10:15:00+08:00') })
    await app.inject({ method: 'POST', url: '/api/journeys', payload: live })
    expect((await app.inject({ method: 'POST', url: '/api/journeys/lapsed/publish', payload: { note: 'first' } })).statusCode).toBe(200)
    ada = await signIn(app, 'Ada', 'admin')
    bob = await signIn(app, 'Bob', 'admin')
    const a = await makeKey(app, ada, 'Ada CI')
    keyAId = a.id
    keyA = a.caller
    keyB = (await makeKey(app, ada, 'Ada laptop')).caller
    keyC = (await makeKey(app, keyA, 'made by Ada CI')).caller
  }, 300_000)
  afterAll(async () => {
    await app?.close()
  })

  it('gives a key made with a key the first key’s maker', async () => {
    const keys = (await app.inject({ method: 'GET', url: '/api/api-keys' })).json().apiKeys as { name: string; createdBy: string | null }[]
    const makers = ['Ada CI', 'Ada laptop', 'made by Ada CI'].map((name) => keys.find((key) => key.name === name)?.createdBy)
    expect(makers[0]).toEqual(expect.any(String))
    expect(makers).toEqual([makers[0], makers[0], makers[0]])
  })

  it('refuses the submitter’s other keys and own session (403 own_submission, both languages); another admin approves', async () => {
    const approval = await submit(keyA, '九折券今晚到期')
    expect(approval.canReview).toBe(false)
    // Kept as the key it came with; the key's maker is looked up when reviewing.
    const [stored] = await app.database.db.select({ ref: approvalRequests.submittedByRef }).from(approvalRequests).where(eq(approvalRequests.id, approval.id))
    expect(stored?.ref).toBe(`key:${keyAId}`)

    const refused = await call(keyB, 'POST', `/approvals/${approval.id}/approve`, { comment: 'fine by me' })
    const refusedZh = await call(keyB, 'POST', `/approvals/${approval.id}/approve`, {}, 'zh-CN')
    expect([refused.statusCode, refused.json(), refusedZh.statusCode, refusedZh.json()]).toEqual([
      403,
      { error: 'own_submission', message: OWN.en, problems: [] },
      403,
      { error: 'own_submission', message: OWN.zh, problems: [] },
    ])
    for (const [who, caller] of [
      ['key B rejects', keyB],
      ['key C', keyC],
      ['Ada signed in', ada],
    ] as const) {
      const action = who === 'key B rejects' ? 'reject' : 'approve'
      const answer = await call(caller, 'POST', `/approvals/${approval.id}/${action}`, { comment: 'ok' })
      expect([who, answer.statusCode, answer.json().error]).toEqual([who, 403, 'own_submission'])
    }
    expect([await canReview(keyB, approval.id), await canReview(keyC, approval.id), await canReview(ada, approval.id), await canReview(bob, approval.id)]).toEqual([
      false,
      false,
      false,
      true,
    ])
    expect((await call(ada, 'GET', `/approvals/${approval.id}`)).json().approval.canReview).toBe(false)

    const approved = await call(bob, 'POST', `/approvals/${approval.id}/approve`, { comment: 'looks right' })
    expect([approved.statusCode, approved.json().version, approved.json().approval.status]).toEqual([200, 2, 'approved'])
  })

  it('refuses the maker’s keys for what they submitted signed in; another admin rejects', async () => {
    const approval = await submit(ada, '五折券明天到期')
    expect((await call(keyA, 'POST', `/approvals/${approval.id}/approve`, {})).json().error).toBe('own_submission')
    expect((await call(keyB, 'POST', `/approvals/${approval.id}/reject`, { comment: 'no' })).json().error).toBe('own_submission')
    expect(await canReview(keyA, approval.id)).toBe(false)
    const rejected = await call(bob, 'POST', `/approvals/${approval.id}/reject`, { comment: 'Too pushy' })
    expect([rejected.statusCode, rejected.json().approval.status]).toEqual([200, 'rejected'])
  })
})
