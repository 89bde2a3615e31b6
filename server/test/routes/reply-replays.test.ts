import { asc, like } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { inboundMessages, suppressions } from '../../src/db/schema/index'
import { receiveReply } from '../../src/replies/replies'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

const AT = Date.parse('2026-12-03T10:05:00+08:00')

describe.each(DATABASE_KINDS)('a relay that reuses message ids loses no opt-out on %s', (kind) => {
  const database = useTestDatabase(kind)
  // Each test uses its own numbers: the database is shared by the tests of one kind.
  const stored = (phones: string) =>
    database()
      .db.select({ phone: inboundMessages.phone, text: inboundMessages.text, keyword: inboundMessages.keyword })
      .from(inboundMessages)
      .where(like(inboundMessages.phone, phones))
      .orderBy(asc(inboundMessages.id))
  const suppressed = (phones: string) =>
    database().db.select({ phone: suppressions.phone, reason: suppressions.reason }).from(suppressions).where(like(suppressions.phone, phones)).orderBy(asc(suppressions.phone))

  it('records "TD" after "hi" under the same id from the same phone, and opts the number out', async () => {
    const reply = { provider: 'sandbox', providerMessageId: 'relay-7', phone: '+8613712345026' }
    expect(await receiveReply(database().db, { ...reply, text: 'hi', at: AT })).toEqual({ keyword: undefined, exited: 0, duplicate: false })
    expect(await receiveReply(database().db, { ...reply, text: 'TD', at: AT + 60_000 })).toEqual({ keyword: 'stop', exited: 0, duplicate: false })
    expect(await stored('+8613712345026')).toEqual([
      { phone: '+8613712345026', text: 'hi', keyword: null },
      { phone: '+8613712345026', text: 'TD', keyword: 'stop' },
    ])
    expect(await suppressed('+8613712345026')).toEqual([{ phone: '+8613712345026', reason: 'replied "TD"' }])
  })

  it('records the same id from two phones as two replies', async () => {
    for (const phone of ['+8613712345101', '+8613712345102']) {
      expect(await receiveReply(database().db, { provider: 'aliyun', providerMessageId: '1001', phone, text: '退订', at: AT })).toEqual({
        keyword: 'stop',
        exited: 0,
        duplicate: false,
      })
    }
    expect(await suppressed('+861371234510_')).toEqual([
      { phone: '+8613712345101', reason: 'replied "退订"' },
      { phone: '+8613712345102', reason: 'replied "退订"' },
    ])
  })

  it('still records a true replay (same provider, id, phone and text) once', async () => {
    const reply = { provider: 'tencent', providerMessageId: 'x-1', phone: '+8613712345003', text: 'T', at: AT }
    expect(await receiveReply(database().db, reply)).toEqual({ keyword: 'stop', exited: 0, duplicate: false })
    expect(await receiveReply(database().db, { ...reply, at: AT + 300_000 })).toEqual({ keyword: undefined, exited: 0, duplicate: true })
    expect(await stored('+8613712345003')).toEqual([{ phone: '+8613712345003', text: 'T', keyword: 'stop' }])
  })
})
