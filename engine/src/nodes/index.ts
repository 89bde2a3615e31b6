import type { NodeKind } from '@recall/shared'
import { abSplit } from './ab-split'
import { exit } from './exit'
import { reminderBeforeExpiry } from './reminder-before-expiry'
import { segmentSplit } from './segment-split'
import type { NodeSemantics } from './semantics'
import { sendMms } from './send-mms'
import { sendSms } from './send-sms'
import { trigger } from './trigger'
import { wait } from './wait'

/** A missing kind fails to compile here. */
export const nodeSemantics = {
  trigger,
  wait,
  segment_split: segmentSplit,
  ab_split: abSplit,
  send_sms: sendSms,
  send_mms: sendMms,
  reminder_before_expiry: reminderBeforeExpiry,
  exit,
} satisfies { [Kind in NodeKind]: NodeSemantics<Kind> }

export function semanticsOf(kind: NodeKind): NodeSemantics<NodeKind> {
  return nodeSemantics[kind] as NodeSemantics<NodeKind>
}

export type { EventListener, NodeSemantics, RunContext, RunOutcome } from './semantics'
export { UNTOLD } from './semantics'
