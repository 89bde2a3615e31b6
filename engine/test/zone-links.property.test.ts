import { getAllTimezones } from 'countries-and-timezones'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalTimeZone, offsetAt } from '../src/index'

/** Links as the tester typed them and as the zone database names their zone. */
const LINKS: [string, string][] = [
  ['US/Pacific', 'America/Los_Angeles'],
  ['us/pacific', 'America/Los_Angeles'],
  ['Asia/Calcutta', 'Asia/Kolkata'],
  ['Europe/Kiev', 'Europe/Kyiv'],
  ['Asia/Chongqing', 'Asia/Shanghai'],
  ['Asia/Harbin', 'Asia/Shanghai'],
  ['PRC', 'Asia/Shanghai'],
  ['EST5EDT', 'America/New_York'],
  ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
  ['Asia/Katmandu', 'Asia/Kathmandu'],
  ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
  ['Canada/Eastern', 'America/Toronto'],
  ['Hongkong', 'Asia/Hong_Kong'],
  ['ROC', 'Asia/Taipei'],
  ['GB', 'Europe/London'],
  ['Etc/UTC', 'UTC'],
  ['Zulu', 'UTC'],
  ['GMT', 'UTC'],
  ['utc', 'UTC'],
]

/** Countries the database links to a neighbour's zone since their clocks agree: each keeps its own. */
const OWN_ZONES = ['Europe/Oslo', 'Europe/Stockholm', 'Europe/Amsterdam', 'Atlantic/Reykjavik', 'Asia/Kuala_Lumpur', 'Europe/Zagreb']

/** Every name the database knows, links included, that this runtime keeps time in. */
const NAMES = Object.keys(getAllTimezones({ deprecated: true })).filter((name) => canonicalTimeZone(name) !== undefined)

/** Instants across 1970–2037, where a link and its zone must agree (they may differ before 1970). */
const INSTANTS = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2037, 11, 31) })

describe('zone links', () => {
  it.each(LINKS)('stores %s as %s', (typed, stored) => {
    expect(canonicalTimeZone(typed)).toBe(stored)
  })

  it('keeps a country zone the database links across a border', () => {
    expect(OWN_ZONES.map(canonicalTimeZone)).toEqual(OWN_ZONES)
  })

  it('knows nearly every name of the database, so none falls back to how it was typed', () => {
    // "Factory" is the database's placeholder, not a place.
    expect(Object.keys(getAllTimezones({ deprecated: true })).filter((name) => !NAMES.includes(name))).toEqual(['Factory'])
  })

  it('names every zone by a name that is itself canonical, in any letter case, keeping the same clock', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.boolean(), INSTANTS, (name, upper, instant) => {
        const stored = canonicalTimeZone(name) as string
        expect(canonicalTimeZone(stored)).toBe(stored)
        expect(canonicalTimeZone(upper ? name.toUpperCase() : name.toLowerCase())).toBe(stored)
        expect(offsetAt(instant, stored)).toBe(offsetAt(instant, name))
      }),
      { numRuns: 2_000 },
    )
  })
})
