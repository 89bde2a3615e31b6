import Type, { type Static } from 'typebox'

export const Identifier = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' })

/** Local wall-clock time "HH:MM", 24-hour. */
export const TimeOfDay = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', examples: ['08:00'] })
export type TimeOfDay = Static<typeof TimeOfDay>

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = Type.Integer({ minimum: 1, maximum: 7 })

export const MESSAGE_CATEGORIES = ['marketing', 'recall', 'transactional'] as const
export const MessageCategory = Type.Enum([...MESSAGE_CATEGORIES])
export type MessageCategory = Static<typeof MessageCategory>

export const DurationUnit = Type.Enum(['minutes', 'hours', 'days', 'weeks'])
export type DurationUnit = Static<typeof DurationUnit>

export const Duration = Type.Object({ amount: Type.Integer({ minimum: 0, maximum: 100000 }), unit: DurationUnit }, { additionalProperties: false })
export type Duration = Static<typeof Duration>

/** One allowed slot: on these weekdays, from `start` to `end` local time (end exclusive). */
export const WindowSlot = Type.Object(
  {
    days: Type.Array(Weekday, { minItems: 1, maxItems: 7, uniqueItems: true }),
    start: TimeOfDay,
    end: TimeOfDay,
  },
  { additionalProperties: false },
)
export type WindowSlot = Static<typeof WindowSlot>

/** A send window is a list of slots; a send may go out when any slot is open. */
export const SendWindow = Type.Array(WindowSlot, { minItems: 1, maxItems: 14 })
export type SendWindow = Static<typeof SendWindow>

export const OfferKind = Type.Enum(['amount_off_over', 'percent_off', 'amount_off', 'gift'])
export type OfferKind = Static<typeof OfferKind>

/** The coupon a send node issues. `poolId` links a server-side code pool; without it codes are generated. */
export const Offer = Type.Object(
  {
    kind: OfferKind,
    /** Yuan off, or the percentage off for percent_off (20 = 20% off = 8折). */
    value: Type.Number({ minimum: 0 }),
    threshold: Type.Optional(Type.Number({ minimum: 0 })),
    label: Type.String({ minLength: 1, maxLength: 60 }),
    validHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 366 })),
    validUntil: Type.Optional(Type.String({ format: 'date-time' })),
    poolId: Type.Optional(Identifier),
  },
  { additionalProperties: false },
)
export type Offer = Static<typeof Offer>

export const Position = Type.Object({ x: Type.Number(), y: Type.Number() }, { additionalProperties: false })
