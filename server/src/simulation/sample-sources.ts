import { matchesCondition, type SimulationContact } from '@recall/engine'
import { eq } from 'drizzle-orm'
import { readContacts } from '../contacts/read-contacts'
import type { Database } from '../db/database'
import { segments } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import { contactPages, pageViewsWithHistory } from '../worker/contact-view'

/** A saved segment, or the 404 that names it: cheap enough to check before a run is answered. */
export async function savedSegment(db: Database, segmentId: string): Promise<typeof segments.$inferSelect> {
  const [segment] = await db.select().from(segments).where(eq(segments.id, segmentId))
  if (!segment) throw new ApiError(404, 'segment_not_found', { en: `No segment "${segmentId}"`, zh: `分群 "${segmentId}" 不存在` })
  return segment
}

/**
 * The contacts of a saved segment as they are now, up to `limit`: their real time zones, consent
 * and suppression, so the simulation shows what would happen to them.
 */
export async function segmentSample(db: Database, segmentId: string, limit: number, now: number): Promise<SimulationContact[]> {
  const segment = await savedSegment(db, segmentId)
  const sample: SimulationContact[] = []
  for await (const page of contactPages(db)) {
    for (const view of await pageViewsWithHistory(db, page, now)) {
      if (!matchesCondition(segment.condition, view, now)) continue
      const { rowId: _row, phone: _phone, ...contact } = view
      sample.push(contact)
      if (sample.length >= limit) return sample
    }
  }
  if (sample.length === 0) throw new ApiError(400, 'empty_segment', { en: `Segment "${segmentId}" has no contacts to simulate`, zh: `分群 "${segmentId}" 中没有可模拟的联系人` })
  return sample
}

/**
 * Contacts from an uploaded CSV; every bad row is named and nothing is simulated until they are
 * fixed. No consent unless the file says so, as for imports, unless the simulation opts in.
 */
export function fileSample(csv: string, limit: number, assumeConsent: boolean): SimulationContact[] {
  const { contacts, errors } = readContacts(csv, 'csv', { consentByDefault: assumeConsent })
  if (errors.length > 0)
    throw new ApiError(
      400,
      'invalid_contacts',
      { en: `${errors.length} row(s) of the file are invalid`, zh: `文件中有 ${errors.length} 行数据有误` },
      errors.slice(0, 200).map((error) => ({ code: 'contact.invalid', severity: 'error' as const, path: `/csv/${error.row}/${error.field}`, message: error.message })),
    )
  if (contacts.length > limit) throw new ApiError(413, 'too_many_rows', { en: `At most ${limit} contacts per simulation`, zh: `每次模拟最多 ${limit} 个联系人` })
  return contacts
}
