import { error, MAX_PROPERTIES_DEPTH, nestedDeeperThan, type Problem, schemaProblems } from '@recall/shared'
import Type, { type Static } from 'typebox'
import { tooDeepProblem } from '../plugins/input-policy'
import type { IdentifyCall } from './identify'
import type { IncomingEvent } from './intake'

/**
 * Segment's identify and track calls (also what RudderStack and most CDPs send). Fields Recall does
 * not use (context, integrations, sentAt, anonymousId…) are allowed, so a destination can send
 * its payload unchanged.
 */
const UserId = Type.String({ minLength: 1, maxLength: 200 })
const MessageId = Type.String({ minLength: 1, maxLength: 200 })
const Timestamp = Type.String({ format: 'date-time' })
const Fields = Type.Record(Type.String(), Type.Unknown())

export const IdentifySchema = Type.Object({
  type: Type.Optional(Type.Literal('identify')),
  userId: UserId,
  traits: Type.Optional(Fields),
  timestamp: Type.Optional(Timestamp),
  messageId: Type.Optional(MessageId),
  id: Type.Optional(MessageId),
  context: Type.Optional(Fields),
})

export const TrackSchema = Type.Object({
  type: Type.Optional(Type.Literal('track')),
  userId: UserId,
  event: Type.String({ minLength: 1, maxLength: 100 }),
  properties: Type.Optional(Fields),
  timestamp: Type.Optional(Timestamp),
  messageId: Type.Optional(MessageId),
  id: Type.Optional(MessageId),
})

export const BatchSchema = Type.Object({ batch: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 10_000 }) })

const IDENTIFIER = /^[A-Za-z0-9_.:-]+$/

/**
 * Journeys name events as identifiers (order_paid); CDPs name them as phrases ("Order Completed").
 * A phrase becomes snake_case (order_completed); an identifier is kept as sent.
 */
export function journeyEventName(name: string): string | undefined {
  const trimmed = name.trim()
  if (IDENTIFIER.test(trimmed)) return trimmed
  const snake = trimmed
    .toLowerCase()
    .replace(/[^a-z0-9_.:-]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return /[a-z0-9]/.test(snake) ? snake : undefined
}

export type SegmentCall = { kind: 'identify'; call: IdentifyCall } | { kind: 'track'; event: IncomingEvent }

/** Free-form fields nested past the limit every event route keeps (as POST /events does for properties). */
function tooDeep(value: unknown, path: string, fields: readonly string[]): Problem[] {
  const call = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  return fields.flatMap((field) =>
    call[field] !== undefined && nestedDeeperThan(call[field], MAX_PROPERTIES_DEPTH) ? [tooDeepProblem(`${path}/${field}`, MAX_PROPERTIES_DEPTH)] : [],
  )
}

const userIdOf = (value: unknown) => (typeof value === 'object' && value !== null ? (value as { userId?: unknown }).userId : undefined)

/** An id of only spaces passes the schema's length but names no one: refused with its field. */
export function blankIdProblems(id: unknown, path: string, field: string): Problem[] {
  return typeof id === 'string' && id.length > 0 && id.trim() === ''
    ? [error('event.blank_contact_id', `${path}/${field}`, { en: `${field} must not be only spaces`, zh: `${field} 不能只有空格` })]
    : []
}

/** Checks one call against its type's schema; the problems name the field under `path`. */
export function readCall(value: unknown, path: string, expected?: 'identify' | 'track'): SegmentCall | Problem[] {
  const type = expected ?? (typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined)
  if (type !== 'identify' && type !== 'track')
    return [
      error('event.unsupported_type', `${path}/type`, {
        en: `type must be "identify" or "track", not ${JSON.stringify(type ?? null)}`,
        zh: `type 必须为 "identify" 或 "track",而不是 ${JSON.stringify(type ?? null)}`,
      }),
    ]
  if (type === 'identify') {
    const problems = [...schemaProblems(IdentifySchema, value, path), ...tooDeep(value, path, ['traits', 'context']), ...blankIdProblems(userIdOf(value), path, 'userId')]
    if (problems.length > 0) return problems
    const call = value as Static<typeof IdentifySchema>
    const messageId = call.messageId ?? call.id
    return {
      kind: 'identify',
      call: { userId: call.userId, ...(call.traits ? { traits: call.traits } : {}), ...(messageId ? { messageId } : {}), ...(call.context ? { context: call.context } : {}) },
    }
  }
  const problems = [...schemaProblems(TrackSchema, value, path), ...tooDeep(value, path, ['properties', 'context']), ...blankIdProblems(userIdOf(value), path, 'userId')]
  if (problems.length > 0) return problems
  const call = value as Static<typeof TrackSchema>
  const name = journeyEventName(call.event)
  if (!name)
    return [
      error('event.name', `${path}/event`, {
        en: `"${call.event}" needs at least one letter or digit (a–z, 0–9) to be used in journeys`,
        zh: `事件名 "${call.event}" 至少需要一个英文字母或数字(a–z、0–9)才能在旅程中使用`,
      }),
    ]
  const messageId = call.messageId ?? call.id
  return {
    kind: 'track',
    event: {
      contactId: call.userId,
      name,
      ...(call.properties ? { properties: call.properties } : {}),
      ...(call.timestamp ? { occurredAt: call.timestamp } : {}),
      ...(messageId ? { messageId } : {}),
    },
  }
}
