/** What the live view of a running journey receives: the server's answer and the web app's input. */

export interface NodeSnapshot {
  /** Contacts at the node now. */
  active: number
  /** At a throttled trigger: contacts queued for their turn to enter. */
  queued?: number
  sent: number
  delivered: number
  clicked: number
  failed: number
  redeemed: number
}

/** A version other than the live one that contacts are still on (they stay on the version they entered). */
export interface OlderVersionCounts {
  version: number
  /** ISO 8601. */
  publishedAt: string
  /** Contacts on this version now. */
  active: number
  /** Of them, those at each node, by node id (nodes with nobody are left out). */
  nodes: Record<string, number>
}

export interface LiveSnapshot {
  /** The version `nodes` count contacts of (null before the first publish). */
  liveVersion: number | null
  /** Contacts on the live version at each node; every node's funnel, whatever the version. */
  nodes: Record<string, NodeSnapshot>
  /** Other versions still holding contacts, newest first. */
  olderVersions: OlderVersionCounts[]
  /** Contacts who went along each connection, by edge id. */
  edges: Record<string, number>
  /** `active` counts every contact in the journey, whichever version; the funnel, every message. */
  totals: NodeSnapshot & { messaged: number; optedOut: number; deliveryRate: number | null; unsubscribeRate: number | null }
  /** The workspace's alarm levels, for marking a node whose own rates cross them. */
  thresholds: { deliveryRateMin: number; unsubscribeRateMax: number }
  /**
   * Rates past the workspace's levels; `stopped_steps`: contacts whose step failed five times in a row
   * and wait for someone to retry or remove them (`value` of them, `threshold` 0).
   */
  alarms: { code: 'delivery_rate' | 'unsubscribe_rate' | 'stopped_steps'; value: number; threshold: number }[]
}
