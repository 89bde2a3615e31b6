import type { StepResult } from '@recall/engine'
import { sql } from 'drizzle-orm'
import { enrollments, messages, stepLog } from '../db/schema/index'
import type { Executor } from './contact-view'

export interface Pricing {
  perPart: number
  perMms: number
}

export const DEFAULT_PRICING: Pricing = { perPart: 0.05, perMms: 0.15 }

/** Rows per INSERT: PostgreSQL allows 65,535 parameters per statement; our widest row has 13. */
const ROWS_PER_INSERT = 4_000

interface Written {
  result: StepResult
  contact: { rowId: string; phone: string | null }
  now: number
  /** A new enrollment is inserted whole; an existing one is updated. */
  isNew: boolean
}

async function insertInChunks<Row>(rows: Row[], insert: (chunk: Row[]) => Promise<unknown>): Promise<void> {
  for (let index = 0; index < rows.length; index += ROWS_PER_INSERT) await insert(rows.slice(index, index + ROWS_PER_INSERT))
}

/**
 * Collects a batch's engine steps and writes them with one statement per table: enrollment
 * states, timeline lines and outbox rows, in the caller's transaction, so the batch commits whole
 * or not at all. An outbox row whose idempotency key exists already (a retried batch after a
 * crash) is left alone: nothing is sent twice.
 */
export function stepWriter(pricing: Pricing) {
  const written: Written[] = []
  return {
    add(result: StepResult, contact: Written['contact'], now: number, isNew = false): void {
      written.push({ result, contact, now, isNew })
    },

    async flush(tx: Executor): Promise<void> {
      const rows = written.map(({ result, contact, now, isNew }) => {
        const { state } = result
        const exit = result.effects.find((effect) => effect.type === 'exit')
        return {
          isNew,
          row: {
            id: state.enrollmentId,
            journeyId: state.journeyId,
            version: Number(state.version),
            contactId: contact.rowId,
            status: state.status,
            nodeId: state.nodeId ?? null,
            state,
            nextWakeAt: state.status === 'active' && state.wake ? new Date(state.wake.at) : null,
            enteredAt: new Date(state.enteredAt),
            exitedAt: exit ? new Date(now) : null,
            exitReason: exit?.reason ?? null,
            converted: state.converted,
          },
        }
      })
      await insertInChunks(
        rows.filter((entry) => entry.isNew).map((entry) => entry.row),
        (chunk) => tx.insert(enrollments).values(chunk),
      )
      await insertInChunks(
        rows.filter((entry) => !entry.isNew).map((entry) => entry.row),
        (chunk) =>
          tx.execute(sql`
            update ${enrollments} as e set
              state = v.state::jsonb, status = v.status::text, node_id = v.node_id::text, next_wake_at = v.next_wake_at::timestamptz,
              exited_at = v.exited_at::timestamptz, exit_reason = v.exit_reason::text, converted = v.converted::boolean
            from (values ${sql.join(
              chunk.map(
                (row) =>
                  sql`(${row.id}, ${JSON.stringify(row.state)}, ${row.status}, ${row.nodeId}, ${row.nextWakeAt?.toISOString() ?? null}, ${row.exitedAt?.toISOString() ?? null}, ${row.exitReason}, ${row.converted})`,
              ),
              sql`, `,
            )}) as v(id, state, status, node_id, next_wake_at, exited_at, exit_reason, converted)
            where e.id = v.id`),
      )
      await insertInChunks(
        written.flatMap(({ result }) =>
          result.log.map((entry) => ({
            enrollmentId: result.state.enrollmentId,
            at: new Date(entry.at),
            nodeId: entry.nodeId ?? null,
            kind: entry.kind,
            message: entry.message,
            detail: entry.detail ?? null,
          })),
        ),
        (chunk) => tx.insert(stepLog).values(chunk),
      )
      await insertInChunks(
        written.flatMap(({ result, contact, now }) =>
          result.effects.flatMap((effect) =>
            effect.type === 'send'
              ? [
                  {
                    idempotencyKey: effect.idempotencyKey,
                    enrollmentId: result.state.enrollmentId,
                    journeyId: result.state.journeyId,
                    contactId: contact.rowId,
                    nodeId: effect.nodeId,
                    channel: effect.channel,
                    category: effect.category,
                    phone: contact.phone,
                    text: effect.text,
                    parts: effect.parts,
                    cost: String(effect.channel === 'mms' ? pricing.perMms : effect.parts * pricing.perPart),
                    coupon: effect.coupon ?? null,
                    createdAt: new Date(now),
                  },
                ]
              : [],
          ),
        ),
        (chunk) => tx.insert(messages).values(chunk).onConflictDoNothing({ target: messages.idempotencyKey }),
      )
      written.length = 0
    },
  }
}
