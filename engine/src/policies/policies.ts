import { type Duration, isPromotional, type MessageCategory, type SendWindow, type TimeOfDay } from '@recall/shared'
import type { ControlGroup } from './control-group'
import type { ProviderSendRule } from './provider-rules'

/** A rolling cap: at most `limit` sends of these categories to one contact within `window`, across journeys. */
export interface CapRule {
  id: string
  categories: MessageCategory[]
  limit: number
  window: Duration
}

/** A date with its own promotional window, e.g. public holidays not before 10:00. */
export interface Holiday {
  /** Local date, YYYY-MM-DD. */
  date: string
  start: TimeOfDay
  end: TimeOfDay
}

const NO_HOLIDAYS: readonly Holiday[] = []

/** The holidays a send of this category keeps to: promotional ones only; an order notice goes out on a holiday morning like any other. */
export function holidaysFor(category: MessageCategory, policies: Pick<SendPolicies, 'holidays'>): readonly Holiday[] {
  return isPromotional(category) ? policies.holidays : NO_HOLIDAYS
}

/** Workspace rules the engine applies to every send; marketers do not have to remember them. */
export interface SendPolicies {
  /** For contacts whose own time zone is unknown. */
  defaultTimeZone: string
  /** Workspace quiet hours, as the window in which promotional sends are allowed. */
  quietHoursWindow?: SendWindow
  /** Windows marketers pick per category (retail evenings, finance weekday mornings…). */
  categoryWindows: Partial<Record<'marketing' | 'recall', SendWindow>>
  caps: CapRule[]
  /**
   * At most this many messages of any category, transactional included, to one contact in any
   * rolling 24 hours, whatever the caps say: the last line against a journey that spins.
   */
  dailyMessageCeiling: number
  holidays: Holiday[]
  /** Spread sends held until a window opens over its first N minutes, so 08:00 is not a spike. 0 = off. */
  spreadHeldMinutes: number
  /** Base of per-message short links ({{link}}). */
  shortLinkBase: string
  /**
   * Codes left in each coupon pool: a send whose pool is empty is held rather than sent without a
   * code. Absent when pools are not tracked (simulations draw codes freely).
   */
  couponCodesLeft?: Record<string, number>
  /** The routed provider's opt-out wording per category (拒收请回复R on Tencent); absent: 回T退订. */
  optOutWording?: Partial<Record<MessageCategory, string>>
  /** The routed cloud account's sign name per category: the cloud sends 【sign】, not the journey's brand. */
  signNames?: Partial<Record<MessageCategory, string>>
  /**
   * What the cloud each category is routed to imposes (its marketing hours, its per-number limit).
   * Absent for providers without such rules (the sandbox, Twilio).
   */
  providerRules?: Partial<Record<MessageCategory, ProviderSendRule>>
  /** Contacts that get no marketing or recall message, for measuring uplift. Absent: off. */
  controlGroup?: ControlGroup
}

export const DEFAULT_CAPS: CapRule[] = [
  { id: 'recall-30d', categories: ['recall'], limit: 2, window: { amount: 30, unit: 'days' } },
  { id: 'marketing-30d', categories: ['marketing', 'recall'], limit: 4, window: { amount: 30, unit: 'days' } },
  { id: 'marketing-1d', categories: ['marketing', 'recall'], limit: 1, window: { amount: 1, unit: 'days' } },
]

export const DEFAULT_DAILY_MESSAGE_CEILING = 10

export function defaultPolicies(overrides: Partial<SendPolicies> = {}): SendPolicies {
  return {
    defaultTimeZone: 'Asia/Shanghai',
    categoryWindows: {},
    caps: DEFAULT_CAPS,
    dailyMessageCeiling: DEFAULT_DAILY_MESSAGE_CEILING,
    holidays: [],
    spreadHeldMinutes: 0,
    shortLinkBase: 'https://rcl.to',
    ...overrides,
  }
}
