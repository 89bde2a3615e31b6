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

export interface LiveSnapshot {
  nodes: Record<string, NodeSnapshot>
  /** Contacts who went along each connection, by edge id. */
  edges: Record<string, number>
  totals: NodeSnapshot & { messaged: number; optedOut: number; deliveryRate: number | null; unsubscribeRate: number | null }
  /** The workspace's alarm levels, for marking a node whose own rates cross them. */
  thresholds: { deliveryRateMin: number; unsubscribeRateMax: number }
  alarms: { code: 'delivery_rate' | 'unsubscribe_rate'; value: number; threshold: number }[]
}
