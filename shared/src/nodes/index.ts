import type { Static } from 'typebox'
import { abSplit } from './ab-split'
import { exit } from './exit'
import type { NodeKindDefinition } from './kind'
import { reminderBeforeExpiry } from './reminder-before-expiry'
import { segmentSplit } from './segment-split'
import { sendMms } from './send-mms'
import { sendSms } from './send-sms'
import { trigger } from './trigger'
import { wait } from './wait'

/** The one registry of node kinds; the document's node types derive from it. */
export const nodeKinds = {
  trigger,
  wait,
  segment_split: segmentSplit,
  ab_split: abSplit,
  send_sms: sendSms,
  send_mms: sendMms,
  reminder_before_expiry: reminderBeforeExpiry,
  exit,
} as const

export type NodeKind = keyof typeof nodeKinds
export const NODE_KINDS = Object.keys(nodeKinds) as NodeKind[]

export type NodeData<Kind extends NodeKind> = Static<(typeof nodeKinds)[Kind]['dataSchema']>

export function isNodeKind(type: string): type is NodeKind {
  return Object.hasOwn(nodeKinds, type)
}

/** The registry entry for a kind, typed loosely for code that handles every kind alike. */
export function nodeKindOf(type: NodeKind): NodeKindDefinition {
  return nodeKinds[type] as unknown as NodeKindDefinition
}

export type { HandleSpec, NodeCheckContext, NodeKindDefinition } from './kind'
export { EntryThrottle } from './trigger'
