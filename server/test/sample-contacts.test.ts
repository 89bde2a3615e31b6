import { faker as fakerZH_CN } from '@faker-js/faker/locale/zh_CN'
import { normalizePhone } from '@recall/shared'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { generateSampleContacts } from '../src/demo/sample-contacts'
import { generatedSample, type SampleRequest } from '../src/simulation/generated-sample'

const now = Date.parse('2026-12-01T00:00:00+08:00')
const tiers = (vipShare?: number) => {
  const counts: Record<string, number> = {}
  for (const contact of generateSampleContacts({ count: 2000, seed: 7, now, ...(vipShare === undefined ? {} : { vipShare }) }))
    counts[String(contact.attributes.tier)] = (counts[String(contact.attributes.tier)] ?? 0) + 1
  return counts
}

describe('generated sample contacts', () => {
  it('mixes segments as asked: all VIPs, none, or the usual fifth', () => {
    const all = tiers(1)
    expect(Object.keys(all).sort()).toEqual(['gold', 'platinum'])
    expect(Object.keys(tiers(0)).sort()).toEqual(['bronze', 'silver'])
    const usual = tiers()
    const vips = (usual.gold ?? 0) + (usual.platinum ?? 0)
    expect(vips / 2000).toBeGreaterThan(0.17)
    expect(vips / 2000).toBeLessThan(0.23)
  })

  it('gives the same contacts for the same seed, with valid mainland mobile numbers', () => {
    const first = generateSampleContacts({ count: 50, seed: 3, now })
    expect(generateSampleContacts({ count: 50, seed: 3, now })).toEqual(first)
    expect(first.every((contact) => /^\+861[3589]\d{9}$/.test(contact.phone))).toBe(true)
  })

  it('writes numbers that are valid and already normalised (+86, E.164), for every prefix it uses', () => {
    const phones = generateSampleContacts({ count: 3000, seed: 11, now }).map((contact) => contact.phone)
    expect(phones.filter((phone) => normalizePhone(phone) !== phone)).toEqual([])
    expect(new Set(phones.map((phone) => phone.slice(3, 6))).size).toBe(13)
  })
})

describe('a generated sample made in shares, as simulation threads make it', () => {
  const request = (seed: number, vipShare: number, zoneMix: 'china' | 'mixed'): SampleRequest => ({
    count: 0,
    seed,
    zoneMix,
    vipShare,
    clickRate: 0.1,
    orderRate: 0.05,
    redeemRate: 0.02,
    start: now,
  })

  it('gives, share after share, exactly the contacts of the whole sample made at once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('china' as const, 'mixed' as const),
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 4 }),
        (seed, vipShare, zoneMix, count, cuts) => {
          const sample = { ...request(seed, vipShare, zoneMix), count }
          const bounds = [0, ...cuts.map((cut) => Math.min(cut, count)).sort((a, b) => a - b), count]
          const shares = bounds.slice(1).map((to, index) => generatedSample(sample, bounds[index], to))
          expect(shares.flat()).toStrictEqual(generatedSample(sample))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('splits 20,000 contacts in two halves whose union is the whole sample, ids in order', () => {
    const sample = { ...request(7, 0.2, 'china'), count: 20_000 }
    const whole = generatedSample(sample)
    const first = generatedSample(sample, 0, 10_000)
    const second = generatedSample(sample, 10_000, 20_000)
    expect(second[0]?.id).toBe('demo-010001')
    expect(second.at(-1)?.id).toBe('demo-020000')
    expect([...first, ...second]).toStrictEqual(whole)
  })

  it('makes only the share and three contacts of the check that skipping works, not the contacts before it', () => {
    const made = vi.spyOn(fakerZH_CN.person, 'lastName')
    try {
      const share = generateSampleContacts({ count: 40, seed: 5, now, from: 25 })
      expect(share.map((contact) => contact.id)).toEqual(Array.from({ length: 15 }, (_, index) => `demo-0000${26 + index}`))
      expect(made).toHaveBeenCalledTimes(15 + 3)
    } finally {
      made.mockRestore()
    }
  })

  it('still gives the same share when a contact takes another number of random draws than the generator expects (it then makes the contacts before the share)', () => {
    // One draw more per contact than the generator counts on: skipping would shift every later contact.
    const boolean = vi.spyOn(fakerZH_CN.datatype, 'boolean').mockImplementation(() => {
      fakerZH_CN.number.float()
      return fakerZH_CN.number.float() < 0.5
    })
    try {
      const whole = generateSampleContacts({ count: 40, seed: 5, now })
      const share = generateSampleContacts({ count: 40, seed: 5, now, from: 25 })
      expect(share).toStrictEqual(whole.slice(25))
      expect(boolean).toHaveBeenCalled()
    } finally {
      boolean.mockRestore()
    }
  })
})
