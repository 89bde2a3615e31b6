import type { LocalizedText } from '@recall/shared'
import { asc } from 'drizzle-orm'
import { anyOf } from '../db/any-of'
import { insertRows } from '../db/json-rows'
import { stepLog, type TimelineLine } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'

/** A line as a writer has it: the engine's step log entries, a receipt, an opt-out, an archive. */
export interface NewTimelineLine {
  at: number
  nodeId: string | null | undefined
  kind: string
  message: LocalizedText
  detail?: string | null | undefined
}

/** A stored line with its enrollment and every field filled in, as readers and the contact page see it. */
export interface TimelineEntry extends Omit<Required<TimelineLine>, 'at'> {
  enrollmentId: string
  at: Date
}

/** A step's lines as one timeline row; `lines` must not be empty. */
export function timelineRow(enrollmentId: string, lines: readonly NewTimelineLine[]) {
  const first = lines[0]?.at
  const stored = lines.map((line) => {
    const entry: TimelineLine = { kind: line.kind, message: line.message }
    if (line.at !== first) entry.at = new Date(line.at).toISOString()
    if (line.nodeId) entry.nodeId = line.nodeId
    if (line.detail) entry.detail = line.detail
    return entry
  })
  // Each step into a node names the connection it came along (the live view's edge counts).
  const edges = stored.flatMap((line) => (line.kind === 'entered' && line.detail ? [line.detail] : []))
  return { enrollment_id: enrollmentId, at: first === undefined ? undefined : new Date(first).toISOString(), lines: stored, edges: edges.length > 0 ? edges : null }
}

/** Writes timeline rows with one statement, in the caller's transaction. */
export async function writeTimeline(tx: Executor, rows: readonly ReturnType<typeof timelineRow>[]): Promise<void> {
  if (rows.length === 0) return
  await tx.execute(insertRows(stepLog, rows, { enrollment_id: 'text', at: 'timestamptz', lines: 'json', edges: 'text[]' }))
}

/** The same line on several enrollments' timelines (an opt-out, an archive, a failed receipt). */
export async function writeLineForEach(tx: Executor, enrollments: readonly { id: string; nodeId: string | null }[], line: Omit<NewTimelineLine, 'nodeId'>): Promise<void> {
  await writeTimeline(
    tx,
    enrollments.map((enrollment) => timelineRow(enrollment.id, [{ ...line, nodeId: enrollment.nodeId }])),
  )
}

/** The lines of these enrollments (of every enrollment when none are named), in the order they were written. */
export async function readTimeline(db: Executor, enrollmentIds?: readonly string[]): Promise<TimelineEntry[]> {
  if (enrollmentIds?.length === 0) return []
  const rows = await db
    .select({ enrollmentId: stepLog.enrollmentId, at: stepLog.at, lines: stepLog.lines })
    .from(stepLog)
    .where(enrollmentIds ? anyOf(stepLog.enrollmentId, enrollmentIds) : undefined)
    .orderBy(asc(stepLog.id))
  return rows.flatMap(({ enrollmentId, at, lines }) =>
    lines.map((line) => ({
      enrollmentId,
      at: line.at === undefined ? at : new Date(line.at),
      nodeId: line.nodeId ?? null,
      kind: line.kind,
      message: line.message,
      detail: line.detail ?? null,
    })),
  )
}
