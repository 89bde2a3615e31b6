import type { StepResult } from '@recall/engine'
import { sql } from 'drizzle-orm'
import { storedState } from '../db/enrollment-state'
import { insertRows, selectRows } from '../db/json-rows'
import { enrollments, messages } from '../db/schema/index'
import { timelineRow, writeTimeline } from '../repositories/timeline'
import type { Executor } from './contact-view'
import { reserveCoupons } from './coupons'

export interface Pricing {
  perPart: number
  perMms: number
}

interface Written {
  result: StepResult
  contact: { rowId: string; phone: string | null }
  now: number
  /** A new enrollment is inserted whole; an existing one is updated. */
  isNew: boolean
}

/** What a message costs: an MMS by the message, an SMS by the part. */
export function messageCost(message: { channel: 'sms' | 'mms'; parts: number }, pricing: Pricing): number {
  return message.channel === 'mms' ? pricing.perMms : message.parts * pricing.perPart
}

/** The columns a step changes in its enrollment row. */
const STEP_COLUMNS = {
  status: 'text',
  node_id: 'text',
  state: 'json',
  next_wake_at: 'timestamptz',
  exited_at: 'timestamptz',
  exit_reason: 'text',
  converted: 'boolean',
}

/**
 * What a step changes in its enrollment row, as the statement reads it. Each row carries only the
 * columns its statement reads: the batch goes to PostgreSQL as JSON, which parses it twice.
 */
function stepColumns({ result: { state, effects }, now }: Written) {
  const exit = effects.find((effect) => effect.type === 'exit')
  return {
    id: state.enrollmentId,
    status: state.status,
    node_id: state.nodeId ?? null,
    state: storedState(state),
    next_wake_at: state.status === 'active' && state.wake ? new Date(state.wake.at).toISOString() : null,
    exited_at: exit ? new Date(now).toISOString() : null,
    exit_reason: exit?.reason ?? null,
    converted: state.converted,
  }
}

const OUTBOX_COLUMNS = {
  idempotency_key: 'text',
  enrollment_id: 'text',
  journey_id: 'text',
  contact_id: 'text',
  node_id: 'text',
  channel: 'text',
  category: 'text',
  phone: 'text',
  text: 'text',
  parts: 'int',
  cost: 'numeric',
  coupon: 'jsonb',
  created_at: 'timestamptz',
  link_code: 'text',
  link_url: 'text',
  template: 'jsonb',
  mms: 'jsonb',
  send_window: 'jsonb',
  not_after: 'timestamptz',
  status: 'text',
  error: 'text',
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
      if (written.length === 0) return
      // Coupons first: pool codes go into the texts and states written below.
      const unsendable = await reserveCoupons(tx, written)
      const inserted = written.filter((step) => step.isNew)
      if (inserted.length > 0) {
        const rows = inserted.map((step) => ({
          ...stepColumns(step),
          journey_id: step.result.state.journeyId,
          version: Number(step.result.state.version),
          contact_id: step.contact.rowId,
          entered_at: new Date(step.result.state.enteredAt).toISOString(),
        }))
        await tx.execute(insertRows(enrollments, rows, { id: 'text', journey_id: 'text', version: 'int', contact_id: 'text', entered_at: 'timestamptz', ...STEP_COLUMNS }))
      }
      const updated = written.filter((step) => !step.isNew)
      if (updated.length > 0) {
        // A step that went through ends a run of failures (see failing-steps.ts).
        await tx.execute(sql`
          update ${enrollments} as e set state = v.state, status = v.status, node_id = v.node_id, next_wake_at = v.next_wake_at,
            exited_at = v.exited_at, exit_reason = v.exit_reason, converted = v.converted, step_failures = 0
          from (${selectRows(updated.map(stepColumns), { id: 'text', ...STEP_COLUMNS })}) as v
          where e.id = v.id`)
      }
      await writeTimeline(
        tx,
        written.flatMap(({ result }) => (result.log.length > 0 ? [timelineRow(result.state.enrollmentId, result.log)] : [])),
      )
      const outbox = written.flatMap(({ result, contact, now }) =>
        result.effects.flatMap((effect) =>
          effect.type === 'send'
            ? [
                {
                  idempotency_key: effect.idempotencyKey,
                  enrollment_id: result.state.enrollmentId,
                  journey_id: result.state.journeyId,
                  contact_id: contact.rowId,
                  node_id: effect.nodeId,
                  channel: effect.channel,
                  category: effect.category,
                  phone: contact.phone,
                  text: effect.text,
                  parts: effect.parts,
                  cost: messageCost(effect, pricing),
                  coupon: effect.coupon ?? null,
                  created_at: new Date(now).toISOString(),
                  link_code: effect.link?.code ?? null,
                  link_url: effect.link?.url ?? null,
                  template: effect.template ?? null,
                  mms: effect.mms ?? null,
                  send_window: effect.window,
                  not_after: effect.notAfter === undefined ? null : new Date(effect.notAfter).toISOString(),
                  status: unsendable.has(effect.idempotencyKey) ? 'failed' : 'queued',
                  error: unsendable.get(effect.idempotencyKey) ?? null,
                },
              ]
            : [],
        ),
      )
      if (outbox.length > 0) {
        await tx.execute(sql`
          ${insertRows(messages, outbox, OUTBOX_COLUMNS)}
          on conflict (idempotency_key) do nothing`)
      }
      written.length = 0
    },
  }
}
