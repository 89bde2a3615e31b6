import { MAX_CONTROL_GROUP_PERCENT } from '@recall/engine'
import { eq, sql } from 'drizzle-orm'
import Type, { type Static } from 'typebox'
import { settings } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'
import { ensureControlGroupSalt } from './control-group'

/**
 * What messages cost (per SMS part, per MMS, in yuan), when the live view raises its alarms, and
 * how incoming events are taken: events for contacts not yet known, and how late an event may be
 * and still start a journey.
 */
export const WorkspaceSettingsSchema = Type.Object(
  {
    pricePerPart: Type.Number({ minimum: 0, maximum: 10 }),
    pricePerMms: Type.Number({ minimum: 0, maximum: 10 }),
    /** Delivery rate under this: bad numbers or carrier blocking. */
    deliveryRateMin: Type.Number({ minimum: 0, maximum: 1 }),
    /** Opt-out rate over this: too frequent or irrelevant. */
    unsubscribeRateMax: Type.Number({ minimum: 0, maximum: 1 }),
    /** An event for an unknown user id: create a bare contact (no phone, no consent) or refuse that event. */
    unknownContacts: Type.Optional(Type.Union([Type.Literal('create'), Type.Literal('refuse')])),
    /** Events older than this (by their own time) are stored for segments but start no journey. */
    lateEventHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 * 30 })),
    /** Percent of contacts in the global control group: no marketing or recall message from any journey. 0 = off. */
    controlGroupPercent: Type.Optional(Type.Number({ minimum: 0, maximum: MAX_CONTROL_GROUP_PERCENT })),
    /** A publish whose forecast sends more than this many messages in its first 24 hours needs an approval; null = no limit. */
    approvalMessagesPer24h: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000 }), Type.Null()])),
    /** A publish whose forecast costs more than this (yuan) needs an approval; null = no limit. */
    approvalCost: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 1_000_000_000 }), Type.Null()])),
  },
  { additionalProperties: false },
)
export type WorkspaceSettings = Required<Static<typeof WorkspaceSettingsSchema>>

/** What PUT takes: any of the fields, merged into the stored settings. */
export const WorkspaceSettingsPatchSchema = Type.Partial(WorkspaceSettingsSchema, { additionalProperties: false })
export type WorkspaceSettingsPatch = Static<typeof WorkspaceSettingsPatchSchema>

/** The playbook's figures: 5 fen a part, 15 a MMS; alarms under 95% delivered and over 2% opt-outs. */
export const DEFAULT_WORKSPACE_SETTINGS: WorkspaceSettings = {
  pricePerPart: 0.05,
  pricePerMms: 0.15,
  deliveryRateMin: 0.95,
  unsubscribeRateMax: 0.02,
  unknownContacts: 'create',
  lateEventHours: 24,
  controlGroupPercent: 0,
  approvalMessagesPer24h: null,
  approvalCost: null,
}

const KEY = 'workspace'

export function workspaceSettingsRepository(db: Executor) {
  return {
    async load(): Promise<WorkspaceSettings> {
      const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY))
      return { ...DEFAULT_WORKSPACE_SETTINGS, ...(row?.value as Partial<WorkspaceSettings> | undefined) }
    },
    /**
     * Sets the fields given and keeps the others as stored: a script may change one setting alone.
     * Merged by the database in one statement, so two partial saves at once both count.
     */
    async save(given: WorkspaceSettingsPatch): Promise<WorkspaceSettings> {
      const [row] = await db
        .insert(settings)
        .values({ key: KEY, value: { ...DEFAULT_WORKSPACE_SETTINGS, ...given } })
        .onConflictDoUpdate({ target: settings.key, set: { value: sql`${settings.value} || ${JSON.stringify(given)}::jsonb`, updatedAt: new Date() } })
        .returning({ value: settings.value })
      const value: WorkspaceSettings = { ...DEFAULT_WORKSPACE_SETTINGS, ...(row?.value as Partial<WorkspaceSettings>) }
      // Chosen with the first share, then never again: the same contacts stay held out.
      if (value.controlGroupPercent > 0) await ensureControlGroupSalt(db)
      return value
    },
  }
}
