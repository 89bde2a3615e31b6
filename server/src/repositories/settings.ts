import { DEFAULT_DAILY_MESSAGE_CEILING, defaultPolicies, type SendPolicies } from '@recall/engine'
import { Duration, MessageCategory, SendWindow, TimeOfDay } from '@recall/shared'
import { eq } from 'drizzle-orm'
import Type, { type Static } from 'typebox'
import { settings } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'

/** The workspace's send policies as the API accepts them; the engine's SendPolicies, checked. */
export const SendPoliciesSchema = Type.Object(
  {
    defaultTimeZone: Type.String({ minLength: 1, maxLength: 64 }),
    quietHoursWindow: Type.Optional(SendWindow),
    categoryWindows: Type.Object({ marketing: Type.Optional(SendWindow), recall: Type.Optional(SendWindow) }, { additionalProperties: false }),
    caps: Type.Array(
      Type.Object(
        {
          id: Type.String({ minLength: 1, maxLength: 60 }),
          categories: Type.Array(MessageCategory, { minItems: 1 }),
          limit: Type.Integer({ minimum: 0, maximum: 1000 }),
          window: Duration,
        },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
    /** Optional so clients written before it existed keep working; stored as the default, 10. */
    dailyMessageCeiling: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    holidays: Type.Array(Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), start: TimeOfDay, end: TimeOfDay }, { additionalProperties: false }), {
      maxItems: 400,
    }),
    spreadHeldMinutes: Type.Integer({ minimum: 0, maximum: 240 }),
    shortLinkBase: Type.String({ format: 'short-link-base', maxLength: 200 }),
  },
  { additionalProperties: false },
)

export type SendPoliciesInput = Static<typeof SendPoliciesSchema>

/**
 * The engine's policies from what the API accepted or an older stored row: fields added since get
 * their defaults. Typed so that the schema and the engine's SendPolicies must describe the same thing.
 */
export function completePolicies(input: SendPoliciesInput): SendPolicies {
  return { ...input, dailyMessageCeiling: input.dailyMessageCeiling ?? DEFAULT_DAILY_MESSAGE_CEILING }
}

const POLICIES_KEY = 'send_policies'

export function settingsRepository(db: Executor) {
  return {
    /** The stored policies, or the defaults (legal window, recall 2/30 days, marketing 4/30 days and 1/day). */
    async policies(): Promise<SendPolicies> {
      const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, POLICIES_KEY))
      return row ? completePolicies(row.value as SendPoliciesInput) : defaultPolicies()
    },
    async savePolicies(input: SendPoliciesInput): Promise<SendPolicies> {
      const policies = completePolicies(input)
      await db
        .insert(settings)
        .values({ key: POLICIES_KEY, value: policies })
        .onConflictDoUpdate({ target: settings.key, set: { value: policies, updatedAt: new Date() } })
      return policies
    },
  }
}
