import { type ConditionGroup, JOURNEY_TEMPLATES } from '@recall/shared'
import { eq } from 'drizzle-orm'
import type { Clock } from '../clock'
import { acceleratedClock } from '../clock'
import type { Database } from '../db/database'
import { journeys, segments, settings } from '../db/schema/index'
import { contactsRepository } from '../repositories/contacts'
import { journeysRepository } from '../repositories/journeys'
import { generateSampleContacts } from './sample-contacts'

export const DEMO_CONTACTS = 5_000
/** One simulated hour per real second: a day of a journey passes in 24 s, so the live view moves. */
export const DEMO_SPEED = 3_600
/** Published in the demo; the rest of the templates are drafts to open and try. */
export const DEMO_LIVE_JOURNEYS = ['win-back-90-days', 'abandoned-cart']

const olderThan = (days: number): ConditionGroup => ({ match: 'all', conditions: [{ kind: 'date', attribute: 'last_order_at', operator: 'more_than_days_ago', days }] })

/** The segments the templates enter through. */
const DEMO_SEGMENTS = [
  { id: 'inactive_90d', name: '90 天未下单 · Inactive 90 days', condition: olderThan(90) },
  { id: 'no_purchase_45d', name: '45 天未消费 · No purchase in 45 days', condition: olderThan(45) },
  { id: 'lapsed_60d', name: '60 天流失 · Lapsed 60 days', condition: olderThan(60) },
]

const CLOCK_KEY = 'demo_clock'

interface DemoClockSettings {
  start: number
  epoch: number
  speed: number
  /** The simulated time last seen running, so a restart resumes there. */
  seen?: number
}

export interface DemoClock extends Clock {
  /** Stores where the clock is: called every few seconds and on shutdown. */
  remember(): Promise<void>
}

/**
 * The demo's accelerated clock, kept in the database: the first start sets it to 09:00 Beijing time
 * that day; a restart carries on from where it was last seen, since at an hour a second a server
 * left off overnight would otherwise come back years later, every wait long over.
 */
export async function demoClock(db: Database, realNow = Date.now()): Promise<DemoClock> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, CLOCK_KEY))
  const stored = row?.value as DemoClockSettings | undefined
  const beijingDay = new Date(realNow + 8 * 3_600_000).toISOString().slice(0, 10)
  const start = stored ? (stored.seen ?? stored.start + (realNow - stored.epoch) * stored.speed) : Date.parse(`${beijingDay}T09:00:00+08:00`)
  const running: DemoClockSettings = { start, epoch: realNow, speed: DEMO_SPEED, seen: start }
  await db
    .insert(settings)
    .values({ key: CLOCK_KEY, value: running })
    .onConflictDoUpdate({ target: settings.key, set: { value: running } })
  const clock = acceleratedClock(running.start, running.speed, running.epoch)
  return {
    ...clock,
    async remember() {
      await db
        .update(settings)
        .set({ value: { ...running, seen: clock.now() } })
        .where(eq(settings.key, CLOCK_KEY))
    },
  }
}

/**
 * A workspace to look around in, made once on an empty database: the templates, 5,000 sample
 * contacts with Chinese names, phones and time zones, their segments, and two journeys live.
 */
export async function seedDemoWorkspace(db: Database, now: number): Promise<boolean> {
  if ((await db.select({ id: journeys.id }).from(journeys).limit(1)).length > 0) return false
  const contacts = generateSampleContacts({ count: DEMO_CONTACTS, seed: 2026, now })
  await contactsRepository(db).upsert(contacts.map((contact) => ({ ...contact, consent: true, suppressed: false })))
  await db.insert(segments).values(DEMO_SEGMENTS).onConflictDoNothing()
  const repository = journeysRepository(db)
  for (const template of JOURNEY_TEMPLATES) {
    await repository.create(template)
    if (DEMO_LIVE_JOURNEYS.includes(template.id)) await repository.publish(template.id, 'Demo · 演示')
  }
  return true
}

/** A basket's worth in yuan, to the fen: the live chart's revenue comes from the goal event's `revenue`. */
const basket = () => Math.round((39 + Math.random() * 260) * 100) / 100

/** Demo shoppers: every few seconds a few add to cart, and some of those order (the cart journey's goal) for a price. */
export function startDemoTraffic(
  ingest: (events: { contactId: string; name: string; properties?: Record<string, unknown> }[]) => Promise<unknown>,
  onError: (error: unknown) => void,
): () => void {
  const recentCarts: string[] = []
  const timer = setInterval(() => {
    const pick = () => `demo-${String(1 + Math.floor(Math.random() * DEMO_CONTACTS)).padStart(6, '0')}`
    const carts = Array.from({ length: 3 }, () => ({ contactId: pick(), name: 'cart_added' }))
    // About one cart in five is paid for, which ends that contact's reminders.
    const orders = recentCarts
      .splice(0, 1)
      .filter(() => Math.random() < 0.6)
      .map((contactId) => ({ contactId, name: 'order_placed', properties: { revenue: basket() } }))
    recentCarts.push(...carts.map((cart) => cart.contactId))
    ingest([...carts, ...orders]).catch(onError)
  }, 2_000)
  return () => clearInterval(timer)
}
