import { type Behaviour, matchesCondition, type SendPolicies, type SimulationContact, type SimulationOptions } from '@recall/engine'
import { error } from '@recall/shared'
import { eq, sql } from 'drizzle-orm'
import { invalidRowCount, readContacts, rowProblems } from '../contacts/read-contacts'
import type { Database } from '../db/database'
import { contacts, segments } from '../db/schema/index'
import { ApiError, invalidRequest } from '../plugins/errors'
import { contactPages, pageViewsWithHistory } from '../worker/contact-view'
import type { SampleRequest } from './generated-sample'

/** Every sample contact clicks, orders and redeems at the request's rates after each message. */
export function sampleBehaviours(request: SampleRequest): Behaviour[] {
  const reactions = [
    { event: 'link_clicked', probability: request.clickRate, delayHours: [0, 24] as [number, number] },
    { event: 'order_placed', probability: request.orderRate, delayHours: [1, 48] as [number, number] },
    { event: 'coupon_redeemed', probability: request.redeemRate, delayHours: [1, 48] as [number, number] },
  ]
  return [{ reactions }]
}

/**
 * What every run over a sample shares: the request's clock, seed and reactions, the workspace's
 * prices, no messages kept verbatim; progress as a fraction of this one run.
 */
export function sampleRunOptions(
  request: SampleRequest & { days: number },
  policies: SendPolicies,
  pricing: { perPart: number; perMms: number },
  progress: (fraction: number) => void,
): Omit<SimulationOptions, 'timelineContacts'> {
  return {
    start: request.start,
    days: request.days,
    seed: request.seed,
    policies,
    behaviours: sampleBehaviours(request),
    entrySpreadHours: 24,
    pricePerPart: pricing.perPart,
    pricePerMms: pricing.perMms,
    keepMessages: 0,
    onProgress: (update) => progress(update.fraction),
  }
}

/**
 * A random `limit` of the real contacts, as they are now (attributes, consent, suppression, recent
 * events). Chosen by a hash of id and seed, so the same seed picks the same people while they last.
 */
export async function randomContactSample(db: Database, limit: number, seed: number, now: number): Promise<SimulationContact[]> {
  const chosen = await db
    .select()
    .from(contacts)
    .orderBy(sql`md5(${contacts.id} || ${String(seed)})`)
    .limit(limit)
  if (chosen.length === 0) throw new ApiError(400, 'no_contacts', { en: 'There are no contacts to sample yet', zh: '还没有可抽样的联系人' })
  const sample: SimulationContact[] = []
  for (let index = 0; index < chosen.length; index += SAMPLE_PAGE) {
    const page = chosen.slice(index, index + SAMPLE_PAGE)
    // With their numbers: a contact without a zone of its own is judged in its number's country's zones.
    for (const { rowId: _row, ...contact } of await pageViewsWithHistory(db, page, now)) sample.push(contact)
  }
  return sample
}

/** Contacts whose event history is read in one query. */
const SAMPLE_PAGE = 1_000

/**
 * A saved segment, or the refusal that names the field: 400 when the request names none, 404 for
 * one the workspace does not have. Cheap enough to check before a run is answered.
 */
export async function savedSegment(db: Database, segmentId: string | undefined): Promise<typeof segments.$inferSelect> {
  if (!segmentId)
    throw invalidRequest([
      error('sample.segment_required', '/body/segmentId', { en: 'segmentId is required when source is "segment"', zh: 'source 为 "segment" 时必须提供 segmentId' }),
    ])
  const [segment] = await db.select().from(segments).where(eq(segments.id, segmentId))
  const message = { en: `No segment "${segmentId}"`, zh: `分群 "${segmentId}" 不存在` }
  if (!segment) throw new ApiError(404, 'segment_not_found', message, [error('segment.not_found', '/body/segmentId', message)])
  return segment
}

/**
 * The contacts of a saved segment as they are now, up to `limit`: their real time zones, consent
 * and suppression, so the simulation shows what would happen to them.
 */
export async function segmentSample(db: Database, segmentId: string | undefined, limit: number, now: number): Promise<SimulationContact[]> {
  const segment = await savedSegment(db, segmentId)
  const sample: SimulationContact[] = []
  for await (const page of contactPages(db)) {
    for (const view of await pageViewsWithHistory(db, page, now)) {
      if (!matchesCondition(segment.condition, view, now)) continue
      const { rowId: _row, ...contact } = view
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
      { en: `${invalidRowCount(errors)} row(s) of the file are invalid`, zh: `文件中有 ${invalidRowCount(errors)} 行数据有误` },
      rowProblems(errors.slice(0, 200), '/csv'),
    )
  // A header alone would run a simulation of nobody and answer figures of zeros as if they meant something.
  if (contacts.length === 0)
    throw invalidRequest([
      error('contact.none', '/body/csv', { en: 'The CSV has no contact rows: add at least one row under the header', zh: 'CSV 中没有联系人行:请在表头下至少添加一行' }),
    ])
  if (contacts.length > limit) throw new ApiError(413, 'too_many_rows', { en: `At most ${limit} contacts per simulation`, zh: `每次模拟最多 ${limit} 个联系人` })
  return contacts
}
