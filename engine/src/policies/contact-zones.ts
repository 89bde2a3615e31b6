import { phoneCountry } from '@recall/shared'
import { getAllTimezones, getTimezone, getTimezonesForCountry } from 'countries-and-timezones'
import { DAY, isValidTimeZone, offsetAt } from '../time/zoned'

/**
 * The zones a contact's sends are judged in. A zone of its own wins (with its number's country's
 * legal time beside it, where the country has one); without one, the country of
 * its number decides (every zone of that country, so a send is inside the window wherever in the
 * country they are); without a number whose country is known, the workspace's default zone.
 */
export interface ContactZones {
  /**
   * The zone waits, dates and times in reasons are counted in: the contact's own, the country's
   * main zone, or the workspace's.
   */
  timeZone: string
  /** Every zone a windowed send must be inside its window in, east to west; `[timeZone]` when one. */
  zones: readonly string[]
  source: 'contact' | 'phone' | 'default'
  /**
   * The number's country (ISO 3166 alpha-2) when the zones came from it, or when its legal time is
   * judged beside the contact's own zone (source 'contact').
   */
  country?: string
}

/**
 * Countries whose legal time is one zone where the time zone database lists others in use: China
 * keeps Beijing time everywhere (Xinjiang time, Asia/Urumqi, is local custom), and China's rules for
 * marketing texts are read in Beijing time.
 */
const LEGAL_TIME: Readonly<Record<string, readonly string[]>> = { CN: ['Asia/Shanghai'] }

/**
 * The zone waits and dates are counted in for a country of several zones: its capital's or largest
 * city's. The zones themselves come from the time zone database; this only says which one leads.
 * Other countries lead with the zone the database gives most names to.
 */
const MAIN_ZONE: Readonly<Record<string, string>> = {
  AR: 'America/Argentina/Buenos_Aires',
  AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo',
  CA: 'America/Toronto',
  CL: 'America/Santiago',
  EC: 'America/Guayaquil',
  ES: 'Europe/Madrid',
  ID: 'Asia/Jakarta',
  KZ: 'Asia/Almaty',
  MN: 'Asia/Ulaanbaatar',
  MX: 'America/Mexico_City',
  NZ: 'Pacific/Auckland',
  PT: 'Europe/Lisbon',
  RU: 'Europe/Moscow',
  UA: 'Europe/Kyiv',
  US: 'America/New_York',
}

/** How many other names (US/Eastern, EST5EDT…) point at each zone: a sign of the zone people use. */
let aliasCounts: Map<string, number> | undefined

function aliasesOf(zone: string): number {
  if (!aliasCounts) {
    aliasCounts = new Map()
    for (const { aliasOf } of Object.values(getAllTimezones({ deprecated: true }))) if (aliasOf) aliasCounts.set(aliasOf, (aliasCounts.get(aliasOf) ?? 0) + 1)
  }
  return aliasCounts.get(zone) ?? 0
}

/**
 * Every zone the database lists for a country, those another country leads included: they are
 * clocks kept on the country's own ground (Crimea on Moscow time for Ukraine, Atikokan on year-round
 * Eastern time for Canada, Hanoi on Bangkok's clock for Vietnam), and a send must be inside the
 * window there too. One that lies between the country's own clocks (Asia/Tokyo for Australia)
 * narrows nothing and is never named: reasons name the first and last clock, east and west.
 */
function listedZones(country: string): readonly string[] {
  return (getTimezonesForCountry(country) ?? []).map((zone) => zone.name)
}

/** A country's zones this runtime knows, the one that leads first. */
function countryZones(country: string): readonly string[] {
  const known = (LEGAL_TIME[country] ?? listedZones(country)).filter(isValidTimeZone)
  const main = MAIN_ZONE[country]
  // A zone the country leads goes before one it shares with the country that leads it (Vietnam's
  // Asia/Ho_Chi_Minh before Asia/Bangkok), so waits and names use the country's own.
  const rank = (zone: string) => [zone === main ? 0 : 1, getTimezone(zone)?.countries[0] === country ? 0 : 1, -aliasesOf(zone)] as const
  return known
    .map((zone) => ({ zone, rank: rank(zone) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2] || a.zone.localeCompare(b.zone))
    .map(({ zone }) => zone)
}

/**
 * Zones of one country that keep the same clock are judged once: the US's 29 zones are 8 clocks.
 * Two zones keep the same clock in a year when this runtime gives them the same offsets and the same
 * changes of offset, to the day, over it and the weeks around it, so a rule the library and the
 * runtime disagree on never merges two zones. A year is about 365.24 days from 1970: which one does
 * not matter, only that it moves on.
 */
const PERIOD = Math.round(365.2425 * DAY)
const MARGIN_DAYS = 42
const WEEK = 7 * DAY

/**
 * A zone's clock over a period: its offset each week at noon UTC and the day each change happened
 * (found by halving the week it happened in). Read weekly, not daily: a daily read of 29 zones took
 * a visible share of a second, and no zone changes its offset twice within a week.
 */
function clockFingerprint(zone: string, first: number, weeks: number): { key: string; mean: number } {
  const parts: number[] = []
  let previous = offsetAt(first, zone)
  let sum = previous
  parts.push(previous)
  for (let week = 1; week <= weeks; week++) {
    const at = first + week * WEEK
    const offset = offsetAt(at, zone)
    sum += offset
    if (offset !== previous) {
      let before = at - WEEK
      let after = at
      while (after - before > DAY) {
        const middle = before + Math.floor((after - before) / DAY / 2) * DAY
        if (offsetAt(middle, zone) === previous) before = middle
        else after = middle
      }
      parts.push(after, offset)
      previous = offset
    }
  }
  return { key: parts.join(','), mean: sum / (weeks + 1) }
}

function distinctClocks(zones: readonly string[], period: number): readonly string[] {
  if (zones.length <= 1) return zones
  const first = period * PERIOD - MARGIN_DAYS * DAY + DAY / 2
  const weeks = Math.ceil((PERIOD + 2 * MARGIN_DAYS * DAY) / WEEK)
  const kept = new Map<string, { zone: string; mean: number }>()
  // In leading order: the zone that leads is the one its clock is named by.
  for (const zone of zones) {
    const { key, mean } = clockFingerprint(zone, first, weeks)
    if (!kept.has(key)) kept.set(key, { zone, mean })
  }
  // East to west: the first zone to open and the last.
  return [...kept.values()].sort((a, b) => b.mean - a.mean || a.zone.localeCompare(b.zone)).map((clock) => clock.zone)
}

const zonesByCountry = new Map<string, readonly string[]>()
/** Per country, per year: nested maps, so a step's lookup builds no key. */
const judgedByCountry = new Map<string, Map<number, ContactZones | null>>()
const judgedByZone = new Map<string, ContactZones>()
const defaults = new Map<string, ContactZones>()

function byZone(timeZone: string, source: 'contact' | 'default'): ContactZones {
  const cache = source === 'contact' ? judgedByZone : defaults
  let judged = cache.get(timeZone)
  if (!judged) {
    judged = { timeZone, zones: [timeZone], source }
    cache.set(timeZone, judged)
  }
  return judged
}

function leadingZones(country: string): readonly string[] {
  let zones = zonesByCountry.get(country)
  if (!zones) {
    zones = countryZones(country)
    zonesByCountry.set(country, zones)
  }
  return zones
}

/** The zones of a country in the year around `now`, cached per country and year; undefined when it has none. */
export function countryClocks(country: string, now: number): ContactZones | undefined {
  const period = Math.floor(now / PERIOD)
  let years = judgedByCountry.get(country)
  if (!years) {
    years = new Map()
    judgedByCountry.set(country, years)
  }
  const cached = years.get(period)
  if (cached !== undefined) return cached ?? undefined
  const zones = leadingZones(country)
  const main = zones[0]
  const judged: ContactZones | null = main ? { timeZone: main, zones: distinctClocks(zones, period), source: 'phone', country } : null
  years.set(period, judged)
  return judged ?? undefined
}

/** Per own zone, per country with a legal time: the zones a send is judged in. */
const judgedWithLegalTime = new Map<string, Map<string, ContactZones>>()

/**
 * A contact's own zone, and beside it the legal time of its number's country when that has one
 * (China: Beijing time). A stored zone still counts waits and dates, but China's rules are read in
 * Beijing time: a +86 number stored as America/New_York or Asia/Urumqi gets marketing only when
 * both clocks are inside the window (an outside tester found sends at 22:00 Beijing time).
 */
function ownZoneAndLegalTime(timeZone: string, country: string | undefined): ContactZones {
  const legal = country === undefined ? undefined : LEGAL_TIME[country]
  if (country === undefined || !legal || legal.every((zone) => zone === timeZone)) return byZone(timeZone, 'contact')
  let byCountry = judgedWithLegalTime.get(timeZone)
  if (!byCountry) {
    byCountry = new Map()
    judgedWithLegalTime.set(timeZone, byCountry)
  }
  let judged = byCountry.get(country)
  if (!judged) {
    judged = { timeZone, zones: [timeZone, ...legal.filter((zone) => zone !== timeZone)], source: 'contact', country }
    byCountry.set(country, judged)
  }
  return judged
}

/**
 * The zones a queued message is judged in at sending, with the legal time of its number's country
 * added when the step that queued it did not carry it (rows queued before legal time was judged
 * beside a contact's own zone).
 */
export function withLegalTime<Judged extends { timeZone: string; zones: readonly string[]; country?: string | undefined }>(
  judged: Judged,
  phone: string | null | undefined,
): Judged | ContactZones {
  const country = phone ? phoneCountry(phone) : undefined
  const legal = country === undefined ? undefined : LEGAL_TIME[country]
  if (!legal || legal.every((zone) => judged.zones.includes(zone))) return judged
  if (judged.zones.length === 1) return ownZoneAndLegalTime(judged.timeZone, country)
  return { timeZone: judged.timeZone, zones: [...judged.zones, ...legal.filter((zone) => !judged.zones.includes(zone))], source: 'contact', ...(country ? { country } : {}) }
}

/** The zones among `judged` that are its country's legal time, when others are judged beside them. */
function legalTimeBeside(judged: Pick<ContactZones, 'zones' | 'country'>): { own: readonly string[]; legal: readonly string[] } | undefined {
  const legal = judged.country === undefined ? undefined : LEGAL_TIME[judged.country]
  if (!legal) return undefined
  const own = judged.zones.filter((zone) => !legal.includes(zone))
  return own.length > 0 ? { own, legal: legal.filter((zone) => judged.zones.includes(zone)) } : undefined
}

/** What a contact's zones depend on: its own zone and its number. */
export interface ZonedContact {
  timeZone?: string | null | undefined
  phone?: string | null | undefined
}

/**
 * The country of each number read, by number: the steps of one contact read it once. Not a WeakMap
 * per contact view: a simulation's 100,000 weak entries were traced again, as ephemerons, by every
 * full collection of its heap. Emptied when full, so a long-running server does not grow it forever.
 */
const countryByPhone = new Map<string, string | null>()
const MAX_CACHED_PHONES = 250_000

function numberCountry(contact: ZonedContact): string | undefined {
  const phone = contact.phone
  if (!phone) return undefined
  const known = countryByPhone.get(phone)
  if (known !== undefined) return known ?? undefined
  const country = phoneCountry(phone)
  if (countryByPhone.size >= MAX_CACHED_PHONES) countryByPhone.clear()
  countryByPhone.set(phone, country ?? null)
  return country
}

/**
 * The zones a contact's sends are judged in at `now` (see ContactZones). Cheap enough for every
 * step: a zone is a lookup, a number is read once per contact view (and parsed once per prefix), a
 * country's zones are found once a year.
 */
export function contactZones(contact: ZonedContact, defaultTimeZone: string, now: number): ContactZones {
  if (contact.timeZone) return ownZoneAndLegalTime(contact.timeZone, numberCountry(contact))
  const country = numberCountry(contact)
  return (country && countryClocks(country, now)) || byZone(defaultTimeZone, 'default')
}

/** The zone a contact's waits, dates and times are counted in: its own, its number's country's main zone, or the default. */
export function contactTimeZone(contact: ZonedContact, defaultTimeZone: string): string {
  if (contact.timeZone) return contact.timeZone
  const country = numberCountry(contact)
  return (country && leadingZones(country)[0]) || defaultTimeZone
}

/** Several zones named briefly: the first and last of them (east and west), or the only one. */
export function zoneSpan(zones: readonly string[]): string {
  if (zones.length <= 2) return zones.join(', ')
  return `${zones[0]} … ${zones[zones.length - 1]}`
}

const regionNames = { en: new Intl.DisplayNames(['en'], { type: 'region' }), zh: new Intl.DisplayNames(['zh-CN'], { type: 'region' }) }
/** Countries whose English name takes "the" ("the United States"). */
const NAMED_WITH_THE = new Set(['US', 'GB', 'NL', 'PH', 'AE', 'DO', 'CD', 'CF', 'BS', 'GM', 'MH', 'SB'])

function regionName(country: string, language: 'en' | 'zh'): string {
  try {
    return regionNames[language].of(country) ?? country
  } catch {
    // An unknown code names itself.
    return country
  }
}

/** "every time zone of the United States (America/New_York … Pacific/Honolulu)" / "美国所有时区(America/New_York … Pacific/Honolulu)". */
export function describeZones(judged: Pick<ContactZones, 'zones' | 'country'>): { en: string; zh: string } {
  const country = judged.country ?? ''
  const beside = legalTimeBeside(judged)
  if (beside) {
    const own = beside.own.join(', ')
    const legal = beside.legal.join(', ')
    return {
      en: `${own} (the contact's own zone) and ${legal} (${regionName(country, 'en')}'s legal time)`,
      zh: `联系人时区(${own})和${regionName(country, 'zh')}法定时间(${legal})`,
    }
  }
  const span = zoneSpan(judged.zones)
  const english = `${NAMED_WITH_THE.has(country) ? 'the ' : ''}${regionName(country, 'en')}`
  return { en: `every time zone of ${english} (${span})`, zh: `${regionName(country, 'zh')}所有时区(${span})` }
}
