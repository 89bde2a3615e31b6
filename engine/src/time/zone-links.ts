import { getAllTimezones, type Timezone } from 'countries-and-timezones'

/**
 * ECMA-402 (CanonicalizeTimeZoneName) names these "UTC", and so do we: the zones every workspace
 * already stores as "UTC", and every link to them (Zulu, Universal, GMT0…).
 */
const UTC_ZONES = new Set(['Etc/UTC', 'Etc/GMT'])

/**
 * A link's zone when the link is another name for it in the same country: a rename
 * (Asia/Calcutta → Asia/Kolkata, Europe/Kiev → Europe/Kyiv) or an old alias (US/Pacific, PRC,
 * Asia/Chongqing). The zone database also links whole countries to a neighbour's zone because their
 * clocks agreed since 1970 (Europe/Oslo → Europe/Berlin, Atlantic/Reykjavik → Africa/Abidjan); such
 * a link stays the country's own zone, as CLDR and browsers keep it, or a Norwegian contact would
 * be shown in Berlin time. A zone's first country is its home (the others only share its clock).
 */
function primaryName(zone: Timezone, zones: Record<string, Timezone>): string {
  const target = zone.aliasOf ? zones[zone.aliasOf] : undefined
  const sameCountry = target !== undefined && (zone.countries.length === 0 || zone.countries.includes(target.countries[0] as Timezone['countries'][number]))
  const name = sameCountry ? target.name : zone.name
  return UTC_ZONES.has(name) ? 'UTC' : name
}

/** Every name the zone database knows (links included), by its lower case, with the name it is stored by. */
let primaryByLowerCase: Map<string, string> | undefined

/**
 * The name a zone typed in any letter case is stored by, from the time zone database as
 * countries-and-timezones keeps it (links and all), or undefined for a name it does not know.
 * Not from Intl: Node 20's ICU answers with the old names (Asia/Calcutta, Europe/Kiev) and lists
 * neither Asia/Kolkata nor Europe/Kyiv among its zones.
 */
export function primaryZoneName(timeZone: string): string | undefined {
  if (!primaryByLowerCase) {
    const zones: Record<string, Timezone> = getAllTimezones({ deprecated: true })
    primaryByLowerCase = new Map(Object.values(zones).map((zone) => [zone.name.toLowerCase(), primaryName(zone, zones)]))
  }
  return primaryByLowerCase.get(timeZone.toLowerCase())
}
