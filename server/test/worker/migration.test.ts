import type { JourneyDocument } from '@recall/shared'
import { JOURNEY_TEMPLATES } from '@recall/shared'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/db/database'
import { enrollments, messages } from '../../src/db/schema/index'
import { contactsRepository } from '../../src/repositories/contacts'
import { journeysRepository } from '../../src/repositories/journeys'
import { journeyRunner } from '../../src/worker/runner'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

/** The win-back template entered through the API. */
function winBack(): JourneyDocument {
  const document = structuredClone(JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days') as JourneyDocument)
  const trigger = document.nodes.find((node) => node.type === 'trigger')
  if (trigger) trigger.data = { on: 'api' }
  return document
}

describe.each(DATABASE_KINDS)('publishing a new version over contacts in flight on %s', (kind) => {
  let handle: DatabaseHandle
  let now = Date.parse('2026-11-24T10:00:00+08:00')
  beforeAll(async () => {
    handle = await testDatabase(kind)
    await journeysRepository(handle.db).create(winBack())
    await journeysRepository(handle.db).publish('win-back-90-days', 'v1')
    await contactsRepository(handle.db).upsert(
      ['W-1', 'W-2'].map((id, index) => ({
        id,
        phone: `+861381234560${index}`,
        timeZone: 'Asia/Shanghai',
        attributes: {},
        consent: true,
        suppressed: false,
        sends: [],
        events: [],
      })),
    )
    await journeyRunner(handle.db, { clock: () => now }).enrollByApi('win-back-90-days', ['W-1', 'W-2'])
  })
  afterAll(async () => {
    await handle?.close()
  })

  it('keeps contacts on their version unless asked, then migrates those whose node still exists', async () => {
    const journeys = journeysRepository(handle.db)
    const v2 = winBack()
    const silent = v2.nodes.find((node) => node.id === 'second-touch-silent')
    if (silent?.type === 'send_sms') silent.data.text = '{{name|亲}},第二版文案 {{link}}'
    await journeys.updateDraft('win-back-90-days', v2)
    expect(await journeys.publish('win-back-90-days', 'copy only')).toEqual({ version: 2, problems: [], contactsAtRemovedNodes: 0, migrated: 0, cancelledSchedule: null })
    expect((await handle.db.select({ version: enrollments.version }).from(enrollments)).map((row) => row.version)).toEqual([1, 1])
    expect(await journeys.publish('win-back-90-days', 'move everyone', true)).toEqual({ version: 3, problems: [], contactsAtRemovedNodes: 0, migrated: 2, cancelledSchedule: null })
    expect((await handle.db.select({ version: enrollments.version }).from(enrollments)).map((row) => row.version)).toEqual([3, 3])

    now = Date.parse('2026-11-28T10:00:00+08:00')
    expect(await journeyRunner(handle.db, { clock: () => now }).processDue()).toBe(2)
    const second = await handle.db.select({ text: messages.text }).from(messages).where(eq(messages.nodeId, 'second-touch-silent'))
    expect(second.map((row) => row.text.replace(/https:\/\/rcl\.to\/\w+/, '<link>'))).toEqual([
      '【乐享商城】亲,第二版文案 <link> 回T退订',
      '【乐享商城】亲,第二版文案 <link> 回T退订',
    ])
  })

  it('counts contacts at nodes the new version removes, and leaves them on their version', async () => {
    const journeys = journeysRepository(handle.db)
    const v4 = winBack()
    v4.nodes = v4.nodes.filter((node) => node.id !== 'last-call')
    v4.edges = v4.edges.map((edge) => (edge.source.startsWith('second-touch') ? { ...edge, target: 'done' } : edge)).filter((edge) => edge.source !== 'last-call')
    await journeys.updateDraft('win-back-90-days', v4)
    expect(await journeys.publish('win-back-90-days', 'no last call', true)).toEqual({ version: 4, problems: [], contactsAtRemovedNodes: 2, migrated: 0, cancelledSchedule: null })
    expect((await handle.db.select({ version: enrollments.version }).from(enrollments)).map((row) => row.version)).toEqual([3, 3])
  })
})
