import type { SimulationContact } from '@recall/engine'
import { generateSampleContacts } from '../demo/sample-contacts'

/** How generated contacts are made and how sample contacts react to what they get. */
export interface SampleRequest {
  count: number
  seed: number
  /** china: the retailer's usual mix; mixed: a third of contacts abroad, to see other zones' windows. */
  zoneMix: 'china' | 'mixed'
  /** Share of gold and platinum members among generated contacts, 0–1. */
  vipShare: number
  /** Shares of messages that get a click, an order and a coupon redemption within two days. */
  clickRate: number
  orderRate: number
  redeemRate: number
  start: number
}

const MIXED_ZONES: [string, number][] = [
  ['Asia/Shanghai', 66],
  ['Europe/London', 12],
  ['America/New_York', 12],
  ['Australia/Sydney', 10],
]

/**
 * Made-up contacts, seeded: the same request gives the same people. They have consented. Contacts
 * `from` to `to` of the sample (all of it by default): a thread makes only its own share.
 */
export function generatedSample(request: SampleRequest, from = 0, to = request.count): SimulationContact[] {
  const contacts = generateSampleContacts({
    count: to,
    from,
    seed: request.seed,
    now: request.start,
    vipShare: request.vipShare,
    ...(request.zoneMix === 'mixed' ? { timeZones: MIXED_ZONES } : {}),
  })
  // Fresh objects of this call: set in place rather than copying 100,000 contacts.
  for (const contact of contacts) contact.consent = true
  return contacts
}

/**
 * A generated sample, not yet made: worker threads make their own shares from the seed
 * (parallel.ts), so the API's thread neither builds 100,000 contacts nor copies them to the workers.
 */
export interface GeneratedSample {
  generated: SampleRequest
}

/** Contacts to simulate: given, or generated where they are simulated. */
export type Sample = readonly SimulationContact[] | GeneratedSample

export function sampleSize(sample: Sample): number {
  return 'generated' in sample ? sample.generated.count : sample.length
}

/** The contacts of a sample, made here when generated. */
export function sampleContactsOf(sample: Sample): readonly SimulationContact[] {
  return 'generated' in sample ? generatedSample(sample.generated) : sample
}

/** One worker's share of a sample as it is sent: the contacts themselves, or where they lie in a generated sample. */
export type SampleShare = SimulationContact[] | (GeneratedSample & { from: number; to: number })

export function shareOf(sample: Sample, from: number, to: number): SampleShare {
  return 'generated' in sample ? { generated: sample.generated, from, to } : sample.slice(from, to)
}

/** The contacts of a share, in the worker; a generated share's thread makes only its own contacts. */
export function shareContacts(share: SampleShare): SimulationContact[] {
  return Array.isArray(share) ? share : generatedSample(share.generated, share.from, share.to)
}
