import Type, { type Static } from 'typebox'
import type { Database } from '../db/database'
import type { Sample, SampleRequest } from './generated-sample'
import { fileSample, randomContactSample, savedSegment, segmentSample } from './sample-sources'

/** The most contacts one simulation takes, generated or given. */
export const MAX_SAMPLE = 100_000
const Rate = Type.Number({ minimum: 0, maximum: 1 })

/** Who is simulated and how they react: the fields every simulation request shares. */
export const SampleFields = {
  count: Type.Integer({ minimum: 1, maximum: MAX_SAMPLE }),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 })),
  zoneMix: Type.Optional(Type.Enum(['china', 'mixed'])),
  /** Segment mix of generated contacts: the share of gold and platinum members. */
  vipShare: Type.Optional(Rate),
  clickRate: Rate,
  orderRate: Rate,
  redeemRate: Rate,
  start: Type.String({ format: 'date-time' }),
  /**
   * Whom to simulate: generated contacts (the default), a saved segment's contacts, a CSV file's, or
   * a random `count` of the real contacts with their attributes and recent events.
   */
  source: Type.Optional(Type.Enum(['generated', 'segment', 'csv', 'contacts'])),
  segmentId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  csv: Type.Optional(Type.String({ maxLength: 32 * 1024 * 1024 })),
  /** For a CSV without a consent column: simulate as if every contact had consented (imports never assume it). */
  assumeConsent: Type.Optional(Type.Boolean()),
}

const SampleObject = Type.Object(SampleFields)
export type SampleBody = Static<typeof SampleObject>
export type SampleSourceName = NonNullable<SampleBody['source']>

/** The request's sample settings with their defaults filled in. */
export function sampleRequest(body: SampleBody): SampleRequest {
  return {
    count: body.count,
    seed: body.seed ?? 1,
    zoneMix: body.zoneMix ?? 'china',
    vipShare: body.vipShare ?? 0.2,
    clickRate: body.clickRate,
    orderRate: body.orderRate,
    redeemRate: body.redeemRate,
    start: Date.parse(body.start),
  }
}

/** The contacts the request names; bad sources (an unknown segment, a bad CSV row) are refused here, before any run starts. */
export async function sampleContacts(db: Database, body: SampleBody): Promise<Sample> {
  const request = sampleRequest(body)
  switch (body.source ?? 'generated') {
    case 'segment':
      return segmentSample(db, body.segmentId, body.count, request.start)
    case 'csv':
      return fileSample(body.csv ?? '', MAX_SAMPLE, body.assumeConsent ?? false)
    case 'contacts':
      return randomContactSample(db, body.count, request.seed, request.start)
    default:
      return { generated: request }
  }
}

/** Where a run's contacts come from; called after the run has been answered, never before. */
export type SampleSource = () => Sample | Promise<Sample>

/**
 * The contacts the request names, read only once the run has been answered (building 100,000
 * contacts or reading a segment's takes seconds). What is cheap to check is refused here: an
 * unknown segment (404), and a CSV's bad rows, the request's own body (400 naming the row).
 */
export async function lazySample(db: Database, body: SampleBody): Promise<SampleSource> {
  const request = sampleRequest(body)
  switch (body.source ?? 'generated') {
    case 'segment': {
      await savedSegment(db, body.segmentId)
      return () => segmentSample(db, body.segmentId, body.count, request.start)
    }
    case 'csv': {
      const contacts = fileSample(body.csv ?? '', MAX_SAMPLE, body.assumeConsent ?? false)
      return () => contacts
    }
    case 'contacts':
      return () => randomContactSample(db, body.count, request.seed, request.start)
    default:
      return () => ({ generated: request })
  }
}
