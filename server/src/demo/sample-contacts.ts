import type { Faker } from '@faker-js/faker'
// The Chinese locale alone: the package's root loads every locale (about 50 MB of a server's memory).
import { faker as fakerZH_CN } from '@faker-js/faker/locale/zh_CN'
import type { SimulationContact } from '@recall/engine'

export interface SampleContactOptions {
  count: number
  seed: number
  /** Dates such as last order and sign-up are drawn relative to this instant. */
  now: number
  /** Time zones and their weights; most contacts of a Chinese retailer are in China. */
  timeZones?: readonly [string, number][]
  /** Share of gold and platinum members (the VIP segments the templates split on), 0–1; 20% when absent. */
  vipShare?: number
  /**
   * The first contact to make (0-based; 0 when absent): the `count` contacts are one seeded
   * sequence, and a simulation thread makes only its own share of it (contacts `from` to `count`).
   */
  from?: number
}

export interface SampleContact extends SimulationContact {
  phone: string
}

const DEFAULT_ZONES: [string, number][] = [
  ['Asia/Shanghai', 88],
  ['Asia/Urumqi', 4],
  ['Asia/Hong_Kong', 3],
  ['Europe/London', 2],
  ['America/New_York', 2],
  ['Australia/Sydney', 1],
]
/** Tiers with VIPs (gold 3 : platinum 1) making up `vipShare`, the rest bronze 5 : silver 3. */
function tierWeights(vipShare: number): [string, number][] {
  const rest = 1 - vipShare
  return [
    ['bronze', (rest * 5) / 8],
    ['silver', (rest * 3) / 8],
    ['gold', (vipShare * 3) / 4],
    ['platinum', vipShare / 4],
    // faker refuses a weight of 0: a tier nobody is in is left out.
  ].filter(([, weight]) => (weight as number) > 0) as [string, number][]
}
const CITIES = ['上海', '北京', '杭州', '广州', '深圳', '成都', '南京', '武汉', '西安', '苏州']
const DAY = 86_400_000

/** faker's form of weighted choices, made once per sample rather than once per contact. */
function weightedChoices(options: readonly [string, number][]): { value: string; weight: number }[] {
  return options.map(([value, weight]) => ({ value, weight }))
}

/** Mobile prefixes every number of which is valid: "1" and any nine digits was not (154…, 192… are not handed out). */
const MOBILE_PREFIXES = ['135', '136', '137', '138', '139', '150', '151', '158', '159', '186', '187', '188', '189']

/**
 * Written in E.164 directly: every such number is valid (the sample's test checks them against
 * normalizePhone), and parsing each one took half the time of making 100,000 contacts.
 */
function mobileNumber(faker: Faker): string {
  return `+86${faker.helpers.arrayElement(MOBILE_PREFIXES)}${faker.string.numeric(8)}`
}

/**
 * How many random draws making one contact takes, whatever it draws: every faker call below takes
 * one draw per value, and none draws again on a rejected value. Skipping a contact is then this
 * many draws, about 50 times cheaper than making it (`skipsLikeMaking` checks it before it is used).
 */
const DRAWS_PER_CONTACT = 22

/** Realistic Chinese sample contacts, the same for the same seed. */
export function generateSampleContacts(options: SampleContactOptions): SampleContact[] {
  const from = Math.min(options.from ?? 0, options.count)
  const make = contactMaker(options)
  fakerZH_CN.seed(options.seed)
  if (from > 0 && !skipsLikeMaking(options, make)) return generateSampleContacts({ ...options, from: 0 }).slice(from)
  skipDraws(from * DRAWS_PER_CONTACT)
  return Array.from({ length: options.count - from }, (_, offset) => make(from + offset))
}

function skipDraws(draws: number): void {
  // One draw each: a float in [0, 1) is the randomizer's own value.
  for (let draw = 0; draw < draws; draw++) fakerZH_CN.number.float()
}

/**
 * Whether skipping a contact's draws leaves the sequence where making it does: the second contact
 * made after skipping the first must be the one made after making it. If a faker update changed
 * how many draws a contact takes, a thread makes the sample up to its share and drops the rest
 * (slower, the same contacts). Leaves the randomizer seeded afresh.
 */
function skipsLikeMaking(options: SampleContactOptions, make: (index: number) => SampleContact): boolean {
  make(0)
  const made = JSON.stringify(make(1))
  fakerZH_CN.seed(options.seed)
  skipDraws(DRAWS_PER_CONTACT)
  const skipped = JSON.stringify(make(1))
  fakerZH_CN.seed(options.seed)
  return made === skipped
}

function contactMaker(options: SampleContactOptions): (index: number) => SampleContact {
  const faker = fakerZH_CN
  const zones = weightedChoices(options.timeZones ?? DEFAULT_ZONES)
  const tiers = weightedChoices(tierWeights(options.vipShare ?? 0.2))
  return (index) => {
    const surname = faker.person.lastName()
    const female = faker.datatype.boolean()
    const lastOrderDaysAgo = faker.number.int({ min: 20, max: 240 })
    return {
      id: `demo-${String(index + 1).padStart(6, '0')}`,
      phone: mobileNumber(faker),
      timeZone: faker.helpers.weightedArrayElement(zones),
      attributes: {
        name: `${surname}${female ? '女士' : '先生'}`,
        surname,
        city: faker.helpers.arrayElement(CITIES),
        tier: faker.helpers.weightedArrayElement(tiers),
        points: faker.number.int({ min: 0, max: 6000 }),
        last_order_at: new Date(options.now - lastOrderDaysAgo * DAY).toISOString(),
        signup_at: new Date(options.now - faker.number.int({ min: 7, max: 900 }) * DAY).toISOString(),
        birthday: faker.date.birthdate({ min: 18, max: 65, mode: 'age', refDate: options.now }).toISOString().slice(0, 10),
      },
      consent: faker.number.float() > 0.02,
      suppressed: faker.number.float() < 0.01,
      sends: [],
      events: [],
    }
  }
}
