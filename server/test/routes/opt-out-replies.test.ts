import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { suppressions } from '../../src/db/schema/index'
import { receiveReply } from '../../src/replies/replies'
import { DATABASE_KINDS, useTestDatabase } from '../support/databases'

const REPLIES = ['R', '拒收', 'TD', 'T', '退订', 'STOP', 'r。', '0000']

describe.each(DATABASE_KINDS)('every cloud opt-out wording suppresses the number on %s', (kind) => {
  const database = useTestDatabase(kind)

  it.each(REPLIES.map((text, index) => [text, `+86139000001${String(index).padStart(2, '0')}`]))('a reply "%s" from %s puts it on the suppression list', async (text, phone) => {
    const at = Date.parse('2026-11-25T10:05:00+08:00')
    const outcome = await receiveReply(database().db, { provider: 'tencent', providerMessageId: `reply-${phone}`, phone, text, at })
    expect(outcome).toEqual({ keyword: 'stop', exited: 0, duplicate: false })
    const rows = await database().db.select({ reason: suppressions.reason, optedOutAt: suppressions.optedOutAt }).from(suppressions).where(eq(suppressions.phone, phone))
    expect(rows).toEqual([{ reason: `replied "${text}"`, optedOutAt: new Date(at) }])
  })
})
