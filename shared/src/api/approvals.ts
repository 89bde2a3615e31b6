/** A workspace limit a publish's forecast passed: more messages in the next 24 hours, or a higher cost. */
export type ApprovalLimit = 'messages' | 'cost'

/** The forecast figures a publish or submission is judged (and recorded) by. */
export interface PublishForecastFigures {
  /** Messages the proposed version sends in the 24 hours after publishing (all journeys' contacts in it). */
  next24hMessages: number
  /** What the proposed version's messages cost over the forecast's days, in yuan. */
  cost: number
  /** Days the cost covers. */
  days: number
  /** Which of the workspace rule's limits these figures pass. */
  over: ApprovalLimit[]
}

/** The workspace rule: above either limit, a publish needs an approval. null = no limit. */
export interface ApprovalRule {
  approvalMessagesPer24h: number | null
  approvalCost: number | null
}

/** Why a publish needs a review first. */
export type ApprovalReason = 'no_publish_right' | 'no_forecast' | 'over_messages' | 'over_cost'

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'superseded'

/** A version submitted for review, as the API answers it. */
export interface ApprovalRequestView {
  id: string
  journeyId: string
  status: ApprovalStatus
  draftRevision: number
  documentHash: string
  baseVersion: number | null
  note: string
  migrate: boolean
  submittedBy: string
  submittedAt: string
  forecast: PublishForecastFigures | null
  reviewedBy: string | null
  reviewComment: string | null
  reviewedAt: string | null
  publishedVersion: number | null
  /** Whether the caller may approve or reject it (a reviewer, and not the one who submitted it). */
  canReview: boolean
}

export type PublishEventKind = 'submitted' | 'approved' | 'rejected' | 'published'

/** One line of a journey's publishing history. */
export interface PublishEvent {
  id: number
  kind: PublishEventKind
  version: number | null
  draftRevision: number | null
  documentHash: string
  actor: string
  text: string
  approvalId: string | null
  forecast: PublishForecastFigures | null
  at: string
}
