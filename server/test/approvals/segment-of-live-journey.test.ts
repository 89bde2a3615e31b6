import type { JourneyDocument } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'
import { live, type Session, signIn } from './fixture'

const NOBODY = { match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'none-such' }] }
const EVERYONE = { match: 'all', conditions: [{ kind: 'attribute', attribute: 'name', operator: 'exists' }] }

/** The live journey, entering contacts from segment "vip". */
const fromVip: JourneyDocument = {
  ...live,
  id: 'vip-win-back',
  name: 'VIP win-back',
  nodes: live.nodes.map((node) => (node.type === 'trigger' ? { ...node, data: { on: 'segment_entered', segmentId: 'vip' } } : node)) as JourneyDocument['nodes'],
}

/**
 * Found by an outside tester: an editor without "can publish" widened a live journey's audience by
 * editing the segment it enters from, and 8 marketing messages went out with no review.
 */
describe.each(DATABASE_KINDS)("a live journey's entry segment, edited by someone who may not publish alone, on %s", (kind) => {
  let app: FastifyInstance
  let ed: Session
  const putSegment = (caller: Session | undefined, id: string, condition: object, language = 'en') =>
    app.inject({ method: 'PUT', url: `/api/segments/${id}`, headers: { ...(caller?.headers ?? {}), 'accept-language': language }, payload: { id, name: id, condition } })

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => Date.parse('2026-11-24T10:15:00+08:00') })
    expect((await putSegment(undefined, 'vip', NOBODY)).statusCode).toBe(200)
    expect((await app.inject({ method: 'POST', url: '/api/journeys', payload: fromVip })).statusCode).toBe(201)
    expect((await app.inject({ method: 'POST', url: `/api/journeys/${fromVip.id}/publish`, payload: { note: 'first' } })).statusCode).toBe(200)
    ed = await signIn(app, 'Ed', 'editor', false)
  }, 300_000)
  afterAll(async () => {
    await app?.close()
  })

  it('refuses the change, naming the journey in English and Chinese, and keeps the condition', async () => {
    const english = await putSegment(ed, 'vip', EVERYONE)
    expect([english.statusCode, english.json().error, english.json().message]).toEqual([
      403,
      'segment_in_live_journey',
      'Live journeys enter contacts from this segment ("VIP win-back"): changing it changes who they message, which needs someone who can publish',
    ])
    expect((await putSegment(ed, 'vip', EVERYONE, 'zh-CN')).json().message).toBe(
      '此分群是上线旅程的进入条件("VIP win-back"):修改它会改变这些旅程发送的对象,需要由有发布权限的人操作',
    )
    const segments = (await app.inject({ method: 'GET', url: '/api/segments' })).json().segments as { id: string; condition: object }[]
    expect(segments.find((segment) => segment.id === 'vip')?.condition).toEqual(NOBODY)
  })

  it('lets the same editor change a segment no live journey enters from, and someone who can publish change this one', async () => {
    expect((await putSegment(ed, 'newsletter', EVERYONE)).statusCode).toBe(200)
    expect((await putSegment(undefined, 'vip', EVERYONE)).statusCode).toBe(200)
  })
})
