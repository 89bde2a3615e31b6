import type { LocalizedText } from '@recall/shared'
import { hash32 } from '../hash'

/**
 * The workspace's global control group: a stable share of contacts that gets no marketing or
 * recall message from any journey, so the journeys' uplift can be measured against them.
 */
export interface ControlGroup {
  /** Share of contacts held out, 0–50 (percent). 0 = off. */
  percent: number
  /** Chosen once per workspace and stored: membership is the same after a restart. */
  salt: string
}

/** The largest share a workspace may hold out: beyond half, the "control" is the treatment. */
export const MAX_CONTROL_GROUP_PERCENT = 50

/**
 * Is the contact held out? Its hash with the workspace's salt falls in the lowest `percent` of the
 * range, so raising the share only adds contacts and an unchanged share changes nobody.
 */
export function inControlGroup(group: ControlGroup | undefined, contactId: string): boolean {
  if (!group || group.percent <= 0) return false
  return hash32(`${group.salt}|${contactId}`) / 2 ** 32 < group.percent / 100
}

/** The timeline's line for a send the control group did not receive. */
export const HELD_OUT_MESSAGE: LocalizedText = { en: 'held out (global control group)', zh: '对照组:不发送' }
