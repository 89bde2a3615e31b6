import Type, { type Static } from 'typebox'
import { MessageCategory, SendWindow } from './common'

export const AttributeType = Type.Enum(['string', 'number', 'boolean', 'date'])

/** A contact attribute that templates and conditions may use. */
export const AttributeDeclaration = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
    type: AttributeType,
    /** Required attributes are present on every contact, so templates need no fallback for them. */
    required: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type AttributeDeclaration = Static<typeof AttributeDeclaration>

export const EntryRules = Type.Object(
  {
    /** never: once per contact; after_exit: again once the last enrollment ended; after_days: N days after the last entry. */
    reentry: Type.Enum(['never', 'after_exit', 'after_days']),
    reentryDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
)
export type EntryRules = Static<typeof EntryRules>

export const JourneyGoal = Type.Object({ event: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })

export const JourneySettings = Type.Object(
  {
    category: MessageCategory,
    brand: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    entry: EntryRules,
    /** Reaching the goal event exits the contact at once, wherever it is, and counts a conversion. */
    goal: Type.Optional(JourneyGoal),
    sendWindow: Type.Optional(SendWindow),
    /** What a send blocked by a frequency cap does. */
    onCapReached: Type.Enum(['skip', 'hold', 'exit']),
    attributes: Type.Optional(Type.Array(AttributeDeclaration)),
  },
  { additionalProperties: false },
)
export type JourneySettings = Static<typeof JourneySettings>

export function defaultJourneySettings(): JourneySettings {
  return { category: 'recall', entry: { reentry: 'after_exit' }, onCapReached: 'skip' }
}
