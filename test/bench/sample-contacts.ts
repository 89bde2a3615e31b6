import { type ContactView, seededRandom } from '@recall/engine'

const ZONES = ['Asia/Shanghai', 'Asia/Shanghai', 'Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Europe/London', 'America/New_York']
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴']
const TIERS = ['gold', 'silver', 'bronze', 'platinum']

/** Seeded sample contacts with a mix of zones, tiers and consent, for simulations and benchmarks. */
export function sampleContacts(count: number, seed: number, start: number): ContactView[] {
  const random = seededRandom(seed)
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T
  return Array.from({ length: count }, (_, index) => ({
    id: `c${index}`,
    timeZone: pick(ZONES),
    attributes: {
      name: `${pick(SURNAMES)}${random() < 0.5 ? '女士' : '先生'}`,
      tier: pick(TIERS),
      points: Math.floor(random() * 5000),
      last_order_at: new Date(start - Math.floor(90 + random() * 200) * 86_400_000).toISOString(),
    },
    consent: random() > 0.03,
    suppressed: random() < 0.01,
    sends: [],
    events: [],
  }))
}
