import type { LocalizedText } from '../i18n'

/** What a simulation reports, shared by the engine that computes it and the web app that shows it. */

export interface NodeCounts {
  entered: number
  waiting: number
  held: number
  sent: number
  skipped: number
  exited: number
  converted: number
}

export interface DailyMessages {
  /** Local date in the workspace's default zone. */
  date: string
  messages: number
  parts: number
  cost: number
}

export interface ReasonCount {
  code: string
  message: LocalizedText
  count: number
}

export interface VariantResult {
  nodeId: string
  variantId: string
  contacts: number
  converted: number
}
