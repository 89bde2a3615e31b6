import { normalizePhone } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { generateSampleContacts } from '../src/demo/sample-contacts'

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
