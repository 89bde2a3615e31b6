import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { getTimezonesForCountry } from 'countries-and-timezones'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decideSend, defaultPolicies, isValidTimeZone, MINUTE, toLocal } from '../src/index'
import { contact } from './helpers'

const LEGAL = toWeeklyIntervals(LEGAL_WINDOW)
const QUARTER = 15 * MINUTE

/** A mobile number of each country (libphonenumber's examples), many of them spanning several zones. */
const NUMBERS: Record<string, string> = {
  US: '+12015550123',
  CA: '+15062345678',
  RU: '+79123456789',
  AU: '+61412345678',
  BR: '+5511961234567',
  MX: '+522221234567',
  ID: '+62812345678',
  CN: '+8613123456789',
  JP: '+819012345678',
  GB: '+447400123456',
  DE: '+4915123456789',
  KZ: '+77710009998',
  CL: '+56221234567',
  NZ: '+64211234567',
  ES: '+34612345678',
  PT: '+351912345678',
  FR: '+33612345678',
  IN: '+918123456789',
  MN: '+97688123456',
  EC: '+593991234567',
  AR: '+5491123456789',
  UA: '+380501234567',
  KR: '+821020000000',
  ZA: '+27711234567',
  PR: '+17872345678',
  GU: '+16713001234',
}

/**
 * Every zone the time zone database lists for the country, not only the distinct clocks the engine
 * keeps: merging two zones must never let a send out in one of them. China keeps Beijing time by law.
 */
function candidateZones(country: string): string[] {
  if (country === 'CN') return ['Asia/Shanghai']
  return (getTimezonesForCountry(country) ?? []).map((zone) => zone.name).filter(isValidTimeZone)
}

const insideLegal = (instant: number, zone: string) => {
  const minutes = toLocal(instant, zone).minutes
  return minutes >= 8 * 60 && minutes < 21 * 60
}
const insideEverywhere = (instant: number, zones: readonly string[]) => zones.every((zone) => insideLegal(instant, zone))

describe('a contact without a zone, judged by its number (fast-check)', () => {
  it("lets a send out only inside 08:00–21:00 in every zone of the number's country, and holds it to the first such moment", () => {
    const policies = defaultPolicies({ caps: [] })
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(NUMBERS)),
        fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((instant) => instant - (instant % MINUTE)),
        fc.constantFrom('recall' as const, 'marketing' as const),
        (country, now, category) => {
          const zones = candidateZones(country)
          expect(zones.length).toBeGreaterThan(0)
          const person = contact({ timeZone: undefined, phone: NUMBERS[country] })
          const decision = decideSend({ category, window: LEGAL, onCapReached: 'skip', spreadKey: 'k' }, person, policies, now)
          if (decision.kind === 'send') {
            expect(insideEverywhere(now, zones)).toBe(true)
            return
          }
          expect(decision.kind).toBe('hold')
          if (decision.kind !== 'hold') return
          expect(decision.until).toBeGreaterThan(now)
          expect(insideEverywhere(decision.until, zones)).toBe(true)
          // Nothing earlier was open everywhere, checked every 15 minutes (every offset is on a quarter hour).
          for (let instant = now; instant < decision.until; instant += QUARTER - (instant % QUARTER)) expect(insideEverywhere(instant, zones)).toBe(false)
        },
      ),
      { numRuns: 300 },
    )
  })
})
