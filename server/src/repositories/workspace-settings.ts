import { eq } from 'drizzle-orm'
import Type, { type Static } from 'typebox'
import { settings } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'

/** What messages cost (per SMS part, per MMS, in yuan) and when the live view raises its alarms. */
export const WorkspaceSettingsSchema = Type.Object(
  {
    pricePerPart: Type.Number({ minimum: 0, maximum: 10 }),
    pricePerMms: Type.Number({ minimum: 0, maximum: 10 }),
    /** Delivery rate under this: bad numbers or carrier blocking. */
    deliveryRateMin: Type.Number({ minimum: 0, maximum: 1 }),
    /** Opt-out rate over this: too frequent or irrelevant. */
    unsubscribeRateMax: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
)
export type WorkspaceSettings = Static<typeof WorkspaceSettingsSchema>

/** The playbook's figures: 5 fen a part, 15 a MMS; alarms under 95% delivered and over 2% opt-outs. */
export const DEFAULT_WORKSPACE_SETTINGS: WorkspaceSettings = { pricePerPart: 0.05, pricePerMms: 0.15, deliveryRateMin: 0.95, unsubscribeRateMax: 0.02 }

const KEY = 'workspace'

export function workspaceSettingsRepository(db: Executor) {
  return {
    async load(): Promise<WorkspaceSettings> {
      const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY))
      return { ...DEFAULT_WORKSPACE_SETTINGS, ...(row?.value as Partial<WorkspaceSettings> | undefined) }
    },
    async save(value: WorkspaceSettings): Promise<WorkspaceSettings> {
      await db
        .insert(settings)
        .values({ key: KEY, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } })
      return value
    },
  }
}
