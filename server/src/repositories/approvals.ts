import { randomUUID } from 'node:crypto'
import { type ApprovalRequestView, error, type PublishForecastFigures } from '@recall/shared'
import { and, desc, eq, sql } from 'drizzle-orm'
import { documentHash } from '../approvals/document-hash'
import { recordPublishEvent } from '../approvals/history'
import type { PublishRights } from '../approvals/rights'
import type { Database } from '../db/database'
import { apiKeys, approvalRequests, journeys } from '../db/schema/index'
import { ApiError, invalidRequest, refusalError } from '../plugins/errors'
import { journeyNotFound } from './journey-refusals'
import { publishableOrThrow, publishWithin, type Transaction } from './journeys'

/** Who acts: their name for the history, what they acted as, and the person to tell submitter and reviewer apart. */
export interface Actor {
  name: string
  /** Exactly who submitted, "user:<id>" or "key:<id>", kept with the submission. */
  ref: string
  /** The person behind it (`personRef`): one for a user and every key they made. */
  person: string
  rights: PublishRights
}

type RequestRow = typeof approvalRequests.$inferSelect

const mayReview = (rights: PublishRights) => rights === 'admin' || rights === 'publisher'

/**
 * The person behind a submission: the maker of the key it was submitted with, when it has one.
 * Submissions keep the key's own reference, so those made before keys counted as their maker are
 * read the same way as new ones.
 */
const submitterPerson = sql<string>`coalesce('user:' || ${apiKeys.createdBy}, ${approvalRequests.submittedByRef})`
const submittedWithKey = sql`${approvalRequests.submittedByRef} = 'key:' || ${apiKeys.id}`

/** Submissions, each with the person who submitted it. */
const submissions = (executor: Database | Transaction) =>
  executor.select({ row: approvalRequests, submitter: submitterPerson }).from(approvalRequests).leftJoin(apiKeys, submittedWithKey)

const isOwn = (submitter: string, viewer: Actor) => submitter === viewer.person

function view(row: RequestRow, submitter: string, viewer: Actor): ApprovalRequestView {
  const { document: _document, submittedByRef: _ref, submittedAt, reviewedAt, ...rest } = row
  return {
    ...rest,
    submittedAt: submittedAt.toISOString(),
    reviewedAt: reviewedAt?.toISOString() ?? null,
    canReview: row.status === 'pending' && mayReview(viewer.rights) && !isOwn(submitter, viewer),
  }
}

const notFound = (id: string) =>
  refusalError({ status: 404, code: 'approval_not_found', path: '/params/approvalId', text: { en: `No submission "${id}" for this journey`, zh: `此旅程没有提交 "${id}"` } })

/** Drafts submitted for review, and their approval (which publishes exactly what was submitted) or rejection. */
type Submission = typeof approvalRequests.$inferSelect

/** The review's line in the publishing history, with the submitted document and its forecast. */
function recordReview(tx: Transaction, row: Submission, review: { kind: 'approved' | 'rejected'; version: number | null; reviewer: Actor; comment: string }): Promise<void> {
  return recordPublishEvent(tx, {
    journeyId: row.journeyId,
    kind: review.kind,
    version: review.version,
    draftRevision: row.draftRevision,
    document: row.document,
    actor: review.reviewer.name,
    text: review.comment,
    approvalId: row.id,
    forecast: row.forecast,
  })
}

export function approvalsRepository(db: Database) {
  /** The pending submission (locked) and who submitted it, after checking the reviewer may review it. */
  async function pendingForReview(tx: Transaction, journeyId: string, approvalId: string, reviewer: Actor) {
    const [found] = await submissions(tx)
      .where(and(eq(approvalRequests.id, approvalId), eq(approvalRequests.journeyId, journeyId)))
      .for('update', { of: approvalRequests })
    if (!found) throw notFound(approvalId)
    const { row, submitter } = found
    if (isOwn(submitter, reviewer))
      throw new ApiError(403, 'own_submission', {
        en: 'You cannot review your own submission, nor with another of your API keys: someone else must',
        zh: '不能审核自己的提交(用你的其他 API 密钥也不行),需由他人审核',
      })
    if (!mayReview(reviewer.rights))
      throw new ApiError(403, 'cannot_review', {
        en: 'Only an admin or someone who can publish reviews submissions',
        zh: '只有管理员或有发布权限的人可以审核提交',
      })
    if (row.status !== 'pending') throw new ApiError(409, 'approval_not_pending', { en: `This submission is already ${row.status}`, zh: `此提交已处理(${row.status})` })
    return { row, submitter }
  }

  return {
    /**
     * Submits the draft as it is at `revision` (the one its forecast was made on): a newer draft is
     * refused so the reviewer never sees figures of another document. A pending submission of the
     * journey is superseded by the new one; the same revision twice is refused.
     */
    async submit(journeyId: string, input: { note: string; migrate: boolean; revision: number; forecast: PublishForecastFigures | null }, by: Actor): Promise<ApprovalRequestView> {
      return db.transaction(async (tx) => {
        const [journey] = await tx.select().from(journeys).where(eq(journeys.id, journeyId)).for('update')
        if (!journey) throw journeyNotFound(journeyId)
        if (journey.status === 'archived') throw new ApiError(409, 'journey_archived', { en: 'An archived journey cannot be published', zh: '已归档的旅程不能发布' })
        if (journey.draftRevision !== input.revision)
          throw new ApiError(409, 'draft_changed_during_check', {
            en: `The draft changed (revision ${input.revision} → ${journey.draftRevision}) while it was being checked; submit again`,
            zh: `检查期间草稿已被修改(第 ${input.revision} 版 → 第 ${journey.draftRevision} 版),请重新提交`,
          })
        await publishableOrThrow(tx, journey.draft)
        const [same] = await tx
          .select({ id: approvalRequests.id })
          .from(approvalRequests)
          .where(and(eq(approvalRequests.journeyId, journeyId), eq(approvalRequests.status, 'pending'), eq(approvalRequests.draftRevision, journey.draftRevision)))
        if (same)
          throw new ApiError(409, 'already_submitted', {
            en: `Revision ${journey.draftRevision} of the draft is already waiting for review`,
            zh: `草稿第 ${journey.draftRevision} 版已在等待审核`,
          })
        await tx
          .update(approvalRequests)
          .set({ status: 'superseded' })
          .where(and(eq(approvalRequests.journeyId, journeyId), eq(approvalRequests.status, 'pending')))
        const [row] = await tx
          .insert(approvalRequests)
          .values({
            id: randomUUID(),
            journeyId,
            document: journey.draft,
            draftRevision: journey.draftRevision,
            documentHash: documentHash(journey.draft),
            baseVersion: journey.liveVersion,
            note: input.note,
            migrate: input.migrate,
            submittedBy: by.name,
            submittedByRef: by.ref,
            forecast: input.forecast,
            submittedAt: new Date(),
          })
          .returning()
        const submitted = row as RequestRow
        await recordPublishEvent(tx, {
          journeyId,
          kind: 'submitted',
          version: null,
          draftRevision: submitted.draftRevision,
          document: journey.draft,
          actor: by.name,
          text: input.note,
          approvalId: submitted.id,
          forecast: input.forecast,
        })
        return view(submitted, by.person, by)
      })
    },

    async list(journeyId: string, viewer: Actor): Promise<ApprovalRequestView[]> {
      const rows = await submissions(db).where(eq(approvalRequests.journeyId, journeyId)).orderBy(desc(approvalRequests.submittedAt))
      return rows.map(({ row, submitter }) => view(row, submitter, viewer))
    },

    /** One submission with the exact document submitted, for the reviewer's diff. */
    async get(journeyId: string, approvalId: string, viewer: Actor) {
      const [found] = await submissions(db).where(and(eq(approvalRequests.id, approvalId), eq(approvalRequests.journeyId, journeyId)))
      if (!found) throw notFound(approvalId)
      return { approval: view(found.row, found.submitter, viewer), document: found.row.document }
    },

    /**
     * Approves and publishes the document that was submitted, whatever the draft has become since,
     * in one transaction with the approval and its history lines. Refused when a version went live
     * after the submission: publishing it would silently undo that one.
     */
    async approve(journeyId: string, approvalId: string, comment: string, reviewer: Actor) {
      return db.transaction(async (tx) => {
        const { row, submitter } = await pendingForReview(tx, journeyId, approvalId, reviewer)
        const [journey] = await tx.select({ liveVersion: journeys.liveVersion }).from(journeys).where(eq(journeys.id, journeyId))
        if ((journey?.liveVersion ?? null) !== row.baseVersion)
          throw new ApiError(409, 'approval_stale', {
            en: `Version ${journey?.liveVersion} went live after this was submitted (against ${row.baseVersion ?? 'no version'}); reject it and submit again`,
            zh: `此提交之后第 ${journey?.liveVersion} 版已上线(提交时为${row.baseVersion === null ? '未发布' : `第 ${row.baseVersion} 版`}),请驳回后重新提交`,
          })
        // The approval is recorded first, so its line comes before the publish it causes; the check above makes this the next version.
        const version = (row.baseVersion ?? 0) + 1
        await recordReview(tx, row, { kind: 'approved', version, reviewer, comment })
        const published = await publishWithin(tx, journeyId, {
          note: row.note,
          migrate: row.migrate,
          documentToPublish: { document: row.document, draftRevision: row.draftRevision },
          by: reviewer.name,
          forecast: row.forecast,
        })
        const reviewedAt = new Date()
        await tx
          .update(approvalRequests)
          .set({ status: 'approved', reviewedBy: reviewer.name, reviewComment: comment, reviewedAt, publishedVersion: published.version })
          .where(eq(approvalRequests.id, approvalId))
        return {
          ...published,
          approval: view({ ...row, status: 'approved', reviewedBy: reviewer.name, reviewComment: comment, reviewedAt, publishedVersion: published.version }, submitter, reviewer),
        }
      })
    },

    /** Rejects with a comment saying why (required: the submitter needs to know what to change). */
    async reject(journeyId: string, approvalId: string, comment: string, reviewer: Actor) {
      return db.transaction(async (tx) => {
        const { row, submitter } = await pendingForReview(tx, journeyId, approvalId, reviewer)
        if (comment.trim() === '')
          throw invalidRequest([error('approval.comment_required', '/body/comment', { en: 'Say why it is rejected: comment is required', zh: '请说明驳回原因:评论不能为空' })])
        const reviewedAt = new Date()
        await tx.update(approvalRequests).set({ status: 'rejected', reviewedBy: reviewer.name, reviewComment: comment, reviewedAt }).where(eq(approvalRequests.id, approvalId))
        await recordReview(tx, row, { kind: 'rejected', version: null, reviewer, comment })
        return view({ ...row, status: 'rejected', reviewedBy: reviewer.name, reviewComment: comment, reviewedAt }, submitter, reviewer)
      })
    },
  }
}
