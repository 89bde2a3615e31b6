import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { documentHash } from '../../src/approvals/document-hash'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { liveJourneyWithContactsWaiting, type Session, signIn, withSecondText } from './fixture'

const FORECAST = { next24hMessages: 20, cost: 1, days: 14, over: [] }

describe.each(DATABASE_KINDS)('approvals on %s', (kind) => {
  let app: FastifyInstance
  let clock = 0
  let eve: Session // editor without "can publish"
  let pat: Session // editor who can publish
  let ada: Session // admin
  let vic: Session // viewer
  const call = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, language = 'en') =>
    app.inject({ method, url: `/api/journeys/lapsed${url}`, headers: { ...session.headers, 'accept-language': language }, ...(payload ? { payload } : {}) })
  const saveDraft = async (session: Session, text: string) => expect((await call(session, 'PUT', '/draft', withSecondText(text))).statusCode).toBe(200)
  const liveText = async (version: number) => (await call(ada, 'GET', `/versions/${version}`)).json().document.nodes.find((node: { id: string }) => node.id === 'second').data.text
  const versionCount = async () => (await call(ada, 'GET', '/versions')).json().versions.length

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => clock })
    clock = Date.parse('2026-11-24T10:15:00+08:00')
    eve = await signIn(app, 'Eve', 'editor', false)
    pat = await signIn(app, 'Pat', 'editor', true)
    ada = await signIn(app, 'Ada', 'admin')
    vic = await signIn(app, 'Vic', 'viewer')
    await liveJourneyWithContactsWaiting(app, (at) => {
      clock = at
    })
    // Four scrypt sign-ins and a live journey: a minute or two on a busy machine.
  }, 300_000)
  afterAll(async () => {
    await app?.close()
  })

  it('refuses an editor without "can publish" (403, both languages) until an admin approves the submission, which publishes it', async () => {
    await saveDraft(eve, '九折券今晚到期')
    const refused = await call(eve, 'POST', '/publish', { note: 'new copy' })
    expect([refused.statusCode, refused.json().error, refused.json().problems.map((problem: { path: string }) => problem.path)]).toEqual([
      403,
      'approval_required',
      ['/user/canPublish'],
    ])
    const chinese = (await call(eve, 'POST', '/publish', {}, 'zh-CN')).json()
    expect([chinese.message, chinese.problems[0].text]).toEqual(['此版本需要审批后才能上线:请提交审核,由有发布权限的人批准', '你的账号没有"可直接发布"权限,需要审批'])
    // Nor by scheduling it.
    expect((await call(eve, 'PUT', '/schedule', { localTime: '2026-12-05T09:00', timeZone: 'Asia/Shanghai' })).json().error).toBe('approval_required')
    expect(await versionCount()).toBe(1)

    expect((await call(vic, 'POST', '/approvals', { note: 'x' })).json().error).toBe('forbidden')
    const submitted = await call(eve, 'POST', '/approvals', { note: 'new copy' })
    expect(submitted.statusCode).toBe(201)
    const approval = submitted.json().approval
    expect(approval).toMatchObject({ status: 'pending', submittedBy: 'Eve', note: 'new copy', baseVersion: 1, forecast: FORECAST, canReview: false })
    const again = await call(eve, 'POST', '/approvals', { note: 'new copy' })
    const againZh = await call(eve, 'POST', '/approvals', { note: 'new copy' }, 'zh-CN')
    expect([again.statusCode, again.json().error, again.json().message, againZh.json().message]).toEqual([
      409,
      'already_submitted',
      'Revision 2 of the draft is already waiting for review',
      '草稿第 2 版已在等待审核',
    ])
    expect((await call(eve, 'POST', `/approvals/${approval.id}/approve`, {})).json().error).toBe('own_submission')
    expect((await call(ada, 'GET', '/approvals')).json().approvals[0]).toMatchObject({ id: approval.id, canReview: true })

    const approved = await call(ada, 'POST', `/approvals/${approval.id}/approve`, { comment: 'looks right' })
    expect([approved.statusCode, approved.json().version, approved.json().approval.status]).toEqual([200, 2, 'approved'])
    expect(await liveText(2)).toBe('九折券今晚到期')
    const history = (await call(vic, 'GET', '/history')).json().events
    // The publish an approval causes comes after it, with the draft revision that was submitted.
    type Line = { kind: string; actor: string; version: number | null; text: string; draftRevision: number | null }
    expect(history.map((event: Line) => [event.kind, event.actor, event.version, event.text, event.draftRevision])).toEqual([
      ['published', 'Ada', 2, 'new copy', 2],
      ['approved', 'Ada', 2, 'looks right', 2],
      ['submitted', 'Eve', null, 'new copy', 2],
      ['published', 'Key maker (API key "tests")', 1, 'first', 1],
    ])
    expect(approval.draftRevision).toBe(2)
    expect(history.slice(0, 3).map((event: { forecast: unknown }) => event.forecast)).toEqual([FORECAST, FORECAST, FORECAST])
  })

  it('publishes what was submitted, not the draft edited after the submission', async () => {
    await saveDraft(eve, '版本A:九折券')
    const submitted = (await call(eve, 'POST', '/approvals', { note: 'A' })).json().approval
    await saveDraft(eve, '版本B:五折券')
    const { approval, document } = (await call(ada, 'GET', `/approvals/${submitted.id}`)).json()
    expect(approval.draftRevision).toBeLessThan((await call(ada, 'GET', '')).json().journey.draftRevision)
    expect(approval.documentHash).toBe(documentHash(withSecondText('版本A:九折券')))
    expect(document.nodes.find((node: { id: string }) => node.id === 'second').data.text).toBe('版本A:九折券')
    const approved = (await call(pat, 'POST', `/approvals/${submitted.id}/approve`, {})).json()
    expect(approved.version).toBe(3)
    expect(await liveText(3)).toBe('版本A:九折券')
    // The later edit stays a draft, still to be reviewed.
    expect((await call(ada, 'GET', '')).json().journey.draft.nodes.find((node: { id: string }) => node.id === 'second').data.text).toBe('版本B:五折券')
    expect((await call(eve, 'POST', '/publish', {})).statusCode).toBe(403)
    const [published, approvedLine] = (await call(ada, 'GET', '/history')).json().events
    expect(published).toMatchObject({ kind: 'published', actor: 'Pat', version: 3, draftRevision: approval.draftRevision, documentHash: approval.documentHash })
    expect(approvedLine).toMatchObject({ kind: 'approved', actor: 'Pat', version: 3, draftRevision: approval.draftRevision, documentHash: approval.documentHash })
  })

  it('records a rejection with its comment (required), and a rejected submission cannot be approved', async () => {
    await saveDraft(eve, '最后一天!全场五折')
    const submitted = (await call(eve, 'POST', '/approvals', { note: 'urgent' })).json().approval
    const empty = await call(pat, 'POST', `/approvals/${submitted.id}/reject`, { comment: '  ' })
    expect([empty.statusCode, empty.json().problems.map((problem: { path: string }) => problem.path)]).toEqual([400, ['/body/comment']])
    const rejected = await call(pat, 'POST', `/approvals/${submitted.id}/reject`, { comment: 'Too pushy for a recall message' })
    expect(rejected.json().approval).toMatchObject({ status: 'rejected', reviewedBy: 'Pat', reviewComment: 'Too pushy for a recall message' })
    expect((await call(ada, 'POST', `/approvals/${submitted.id}/approve`, {})).json().error).toBe('approval_not_pending')
    expect((await call(eve, 'GET', '/history')).json().events[0]).toMatchObject({ kind: 'rejected', actor: 'Pat', text: 'Too pushy for a recall message', version: null })
    expect(await versionCount()).toBe(3)
  })
})
