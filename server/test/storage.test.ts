import { JOURNEY_TEMPLATES } from '@recall/shared'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { contacts, enrollments, journeys, journeyVersions, messages } from '../src/db/schema/index'
import { DATABASE_KINDS, useTestDatabase } from './support/databases'

describe.each(DATABASE_KINDS)('storage on %s', (kind) => {
  const handle = useTestDatabase(kind)

  it('applies the migrations and stores a journey document as jsonb, unchanged', async () => {
    const document = JOURNEY_TEMPLATES[2]
    if (!document) throw new Error('template missing')
    await handle().db.insert(journeys).values({ id: 'j1', name: document.name, draft: document })
    await handle().db.insert(journeyVersions).values({ journeyId: 'j1', version: 1, document })
    const [row] = await handle().db.select().from(journeyVersions).where(eq(journeyVersions.journeyId, 'j1'))
    expect(row?.document).toEqual(document)
  })

  it('refuses a second message with the same idempotency key', async () => {
    const message = {
      idempotencyKey: 'e1:sms:1',
      enrollmentId: 'e1',
      journeyId: 'j1',
      contactId: 'c1',
      nodeId: 'sms',
      channel: 'sms' as const,
      category: 'recall' as const,
      text: '【乐享】你好 回T退订',
      parts: 1,
      createdAt: new Date(),
    }
    await handle().db.insert(messages).values(message)
    await expect(handle().db.insert(messages).values(message)).rejects.toThrow()
    const [count] = await handle().db.select({ count: sql<number>`count(*)::int` }).from(messages)
    expect(count?.count).toBe(1)
  })

  it('allows one active enrollment per contact and journey', async () => {
    const enrollment = { journeyId: 'j1', version: 1, contactId: 'c1', status: 'active' as const, state: {} as never, enteredAt: new Date() }
    await handle()
      .db.insert(enrollments)
      .values({ ...enrollment, id: 'en1' })
    await expect(
      handle()
        .db.insert(enrollments)
        .values({ ...enrollment, id: 'en2' }),
    ).rejects.toThrow()
    await handle().db.update(enrollments).set({ status: 'exited' }).where(eq(enrollments.id, 'en1'))
    await handle()
      .db.insert(enrollments)
      .values({ ...enrollment, id: 'en3' })
    const rows = await handle().db.select({ id: enrollments.id, status: enrollments.status }).from(enrollments).orderBy(enrollments.id)
    expect(rows).toEqual([
      { id: 'en1', status: 'exited' },
      { id: 'en3', status: 'active' },
    ])
  })

  it('keeps contact attributes as JSON', async () => {
    await handle()
      .db.insert(contacts)
      .values({ id: 'c1', externalId: 'M-001', phone: '+8613812345678', timeZone: 'Asia/Shanghai', attributes: { name: '张女士', points: 268 }, consent: true })
    const [row] = await handle().db.select().from(contacts)
    expect(row).toMatchObject({ externalId: 'M-001', attributes: { name: '张女士', points: 268 }, consent: true })
  })
})
