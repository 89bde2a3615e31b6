import type { NodeKind } from '@recall/shared'
import type { ComponentType } from 'react'
import { AbSplitInspector } from './ab_split/Inspector'
import { ExitInspector } from './exit/Inspector'
import { ReminderInspector } from './reminder_before_expiry/Inspector'
import { SegmentSplitInspector } from './segment_split/Inspector'
import { SendMmsInspector } from './send_mms/Inspector'
import { SendSmsInspector } from './send_sms/Inspector'
import { TriggerInspector } from './trigger/Inspector'
import { WaitInspector } from './wait/Inspector'

/** One inspector per node kind; a missing kind fails to compile. */
export const inspectors = {
  trigger: TriggerInspector,
  wait: WaitInspector,
  segment_split: SegmentSplitInspector,
  ab_split: AbSplitInspector,
  send_sms: SendSmsInspector,
  send_mms: SendMmsInspector,
  reminder_before_expiry: ReminderInspector,
  exit: ExitInspector,
} satisfies Record<NodeKind, ComponentType<{ nodeId: string }>>
