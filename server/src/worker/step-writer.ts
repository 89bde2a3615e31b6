import type { StepResult } from '@recall/engine'
import { sql } from 'drizzle-orm'
import { enrollments, messages, stepLog } from '../db/schema/index'
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
      const rows = written.map(({ result, contact, now, isNew }) => {
        const { state } = result
        const exit = result.effects.find((effect) => effect.type === 'exit')
        return {
          isNew,
          id: state.enrollmentId,
          journeyId: state.journeyId,
          version: Number(state.version),
          contactId: contact.rowId,
          status: state.status,
          nodeId: state.nodeId ?? null,
          state: JSON.stringify(state),
          nextWakeAt: state.status === 'active' && state.wake ? new Date(state.wake.at).toISOString() : null,
          enteredAt: new Date(state.enteredAt).toISOString(),
          exitedAt: exit ? new Date(now).toISOString() : null,
          exitReason: exit?.reason ?? null,
          converted: state.converted,
        }
      })
      // Arrays bound as single parameters and unnested by PostgreSQL: one short statement per
      // table, however large the batch (building statements with thousands of bound parameters cost more than the writes).
      const column = <Row, Value>(list: Row[], pick: (row: Row) => Value) => sql.param(list.map(pick))
      const inserted = rows.filter((row) => row.isNew)
      if (inserted.length > 0) {
        await tx.execute(sql`
          insert into ${enrollments} (id, journey_id, version, contact_id, status, node_id, state, next_wake_at, entered_at, exited_at, exit_reason, converted)
          select * from unnest(${column(inserted, (row) => row.id)}::text[], ${column(inserted, (row) => row.journeyId)}::text[], ${column(inserted, (row) => row.version)}::int[],
            ${column(inserted, (row) => row.contactId)}::text[], ${column(inserted, (row) => row.status)}::text[], ${column(inserted, (row) => row.nodeId)}::text[],
            ${column(inserted, (row) => row.state)}::jsonb[], ${column(inserted, (row) => row.nextWakeAt)}::timestamptz[], ${column(inserted, (row) => row.enteredAt)}::timestamptz[],
            ${column(inserted, (row) => row.exitedAt)}::timestamptz[], ${column(inserted, (row) => row.exitReason)}::text[], ${column(inserted, (row) => row.converted)}::boolean[])`)
      }
      const updated = rows.filter((row) => !row.isNew)
      if (updated.length > 0) {
        await tx.execute(sql`
          update ${enrollments} as e set state = v.state, status = v.status, node_id = v.node_id, next_wake_at = v.next_wake_at,
            exited_at = v.exited_at, exit_reason = v.exit_reason, converted = v.converted
          from unnest(${column(updated, (row) => row.id)}::text[], ${column(updated, (row) => row.state)}::jsonb[], ${column(updated, (row) => row.status)}::text[],
            ${column(updated, (row) => row.nodeId)}::text[], ${column(updated, (row) => row.nextWakeAt)}::timestamptz[], ${column(updated, (row) => row.exitedAt)}::timestamptz[],
            ${column(updated, (row) => row.exitReason)}::text[], ${column(updated, (row) => row.converted)}::boolean[])
            as v(id, state, status, node_id, next_wake_at, exited_at, exit_reason, converted)
          where e.id = v.id`)
      }
      const lines = written.flatMap(({ result }) =>
        result.log.map((entry) => ({
          enrollmentId: result.state.enrollmentId,
          at: new Date(entry.at).toISOString(),
          nodeId: entry.nodeId ?? null,
          kind: entry.kind,
          message: JSON.stringify(entry.message),
          detail: entry.detail ?? null,
        })),
      )
      if (lines.length > 0) {
        await tx.execute(sql`
          insert into ${stepLog} (enrollment_id, at, node_id, kind, message, detail)
          select * from unnest(${column(lines, (line) => line.enrollmentId)}::text[], ${column(lines, (line) => line.at)}::timestamptz[], ${column(lines, (line) => line.nodeId)}::text[],
            ${column(lines, (line) => line.kind)}::text[], ${column(lines, (line) => line.message)}::jsonb[], ${column(lines, (line) => line.detail)}::text[])`)
      }
      const outbox = written.flatMap(({ result, contact, now }) =>
        result.effects.flatMap((effect) =>
          effect.type === 'send'
            ? [
                {
                  key: effect.idempotencyKey,
                  enrollmentId: result.state.enrollmentId,
                  journeyId: result.state.journeyId,
                  contactId: contact.rowId,
                  nodeId: effect.nodeId,
                  channel: effect.channel,
                  category: effect.category,
                  phone: contact.phone,
                  text: effect.text,
                  parts: effect.parts,
                  cost: messageCost(effect, pricing),
                  coupon: effect.coupon ? JSON.stringify(effect.coupon) : null,
                  createdAt: new Date(now).toISOString(),
                  linkCode: effect.link?.code ?? null,
                  linkUrl: effect.link?.url ?? null,
                  template: effect.template ? JSON.stringify(effect.template) : null,
                  mms: effect.mms ? JSON.stringify(effect.mms) : null,
                  sendWindow: JSON.stringify(effect.window),
                  notAfter: effect.notAfter === undefined ? null : new Date(effect.notAfter).toISOString(),
                  status: unsendable.has(effect.idempotencyKey) ? 'failed' : 'queued',
                  error: unsendable.get(effect.idempotencyKey) ?? null,
                },
              ]
            : [],
        ),
      )
      if (outbox.length > 0) {
        await tx.execute(sql`
          insert into ${messages} (idempotency_key, enrollment_id, journey_id, contact_id, node_id, channel, category, phone, text, parts, cost, coupon, created_at, link_code, link_url, template, mms, send_window, not_after, status, error)
          select * from unnest(${column(outbox, (row) => row.key)}::text[], ${column(outbox, (row) => row.enrollmentId)}::text[], ${column(outbox, (row) => row.journeyId)}::text[],
            ${column(outbox, (row) => row.contactId)}::text[], ${column(outbox, (row) => row.nodeId)}::text[], ${column(outbox, (row) => row.channel)}::text[],
            ${column(outbox, (row) => row.category)}::text[], ${column(outbox, (row) => row.phone)}::text[], ${column(outbox, (row) => row.text)}::text[],
            ${column(outbox, (row) => row.parts)}::int[], ${column(outbox, (row) => row.cost)}::numeric[], ${column(outbox, (row) => row.coupon)}::jsonb[],
            ${column(outbox, (row) => row.createdAt)}::timestamptz[], ${column(outbox, (row) => row.linkCode)}::text[], ${column(outbox, (row) => row.linkUrl)}::text[],
            ${column(outbox, (row) => row.template)}::jsonb[], ${column(outbox, (row) => row.mms)}::jsonb[], ${column(outbox, (row) => row.sendWindow)}::jsonb[],
            ${column(outbox, (row) => row.notAfter)}::timestamptz[], ${column(outbox, (row) => row.status)}::text[], ${column(outbox, (row) => row.error)}::text[])
          on conflict (idempotency_key) do nothing`)
      }
      written.length = 0
    },
  }
}
