import Type, { type Static } from 'typebox'

const AttributeName = Type.String({ minLength: 1, maxLength: 100 })
const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()])

export const AttributeCondition = Type.Object(
  {
    kind: Type.Literal('attribute'),
    attribute: AttributeName,
    operator: Type.Enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'contains', 'exists', 'not_exists']),
    value: Type.Optional(Type.Union([Scalar, Type.Array(Scalar)])),
  },
  { additionalProperties: false },
)

/** Relative dates: "last order more than 45 days ago", "birthday within the next 7 days". */
export const DateCondition = Type.Object(
  {
    kind: Type.Literal('date'),
    attribute: AttributeName,
    operator: Type.Enum(['more_than_days_ago', 'less_than_days_ago', 'within_next_days']),
    days: Type.Integer({ minimum: 0, maximum: 36500 }),
  },
  { additionalProperties: false },
)

/** Event history: "opened the app at least 3 times in the last 30 days". */
export const EventCountCondition = Type.Object(
  {
    kind: Type.Literal('event_count'),
    event: Type.String({ minLength: 1, maxLength: 100 }),
    operator: Type.Enum(['gte', 'lte', 'eq']),
    count: Type.Integer({ minimum: 0 }),
    withinDays: Type.Integer({ minimum: 1, maximum: 3650 }),
  },
  { additionalProperties: false },
)

export const LeafCondition = Type.Union([AttributeCondition, DateCondition, EventCountCondition])
export type LeafCondition = Static<typeof LeafCondition>

const Match = Type.Enum(['all', 'any'])

/** A nested group: the inner level of "A and (B or C)". Two levels cover what marketers build. */
export const ConditionSubgroup = Type.Object({ match: Match, conditions: Type.Array(LeafCondition) }, { additionalProperties: false })
export type ConditionSubgroup = Static<typeof ConditionSubgroup>

export const ConditionGroup = Type.Object({ match: Match, conditions: Type.Array(Type.Union([LeafCondition, ConditionSubgroup])) }, { additionalProperties: false })
export type ConditionGroup = Static<typeof ConditionGroup>

export function isSubgroup(condition: LeafCondition | ConditionSubgroup): condition is ConditionSubgroup {
  return 'match' in condition
}

export type AttributeConditionData = Static<typeof AttributeCondition>
