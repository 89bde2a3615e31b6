import { byCodeUnits } from '@recall/shared'
import { sql } from 'drizzle-orm'
import { attributeCatalog, eventCounts } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'

/** Example values kept per attribute: enough to show what it holds. */
export const EXAMPLES_PER_ATTRIBUTE = 5
const DAY = 86_400_000

type AttributeType = (typeof attributeCatalog.$inferInsert)['type']

function typeOf(value: unknown): AttributeType {
  if (typeof value === 'number' || typeof value === 'boolean') return typeof value as AttributeType
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)) ? 'date' : 'string'
  return 'object'
}

/**
 * Attribute names seen in a stream of contacts, each with its type and a few distinct example
 * values: memory grows with the number of names, never with the number of contacts.
 */
export class AttributeTally {
  private readonly seen = new Map<string, { type: AttributeType; examples: Map<string, unknown> }>()

  add(attributes: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === '') continue
      let entry = this.seen.get(name)
      if (!entry) {
        entry = { type: typeOf(value), examples: new Map() }
        this.seen.set(name, entry)
      }
      if (entry.examples.size < EXAMPLES_PER_ATTRIBUTE && typeof value !== 'object') entry.examples.set(JSON.stringify(value), value)
    }
  }

  /** Adds the names to the catalog; a name already there keeps its type and its examples, and gains new ones up to the limit. */
  async save(tx: Executor): Promise<void> {
    const rows = [...this.seen].sort(([a], [b]) => a.localeCompare(b)).map(([name, entry]) => ({ name, type: entry.type, examples: [...entry.examples.values()] }))
    if (rows.length === 0) return
    await tx
      .insert(attributeCatalog)
      .values(rows)
      .onConflictDoUpdate({
        target: attributeCatalog.name,
        set: {
          examples: sql`case when jsonb_array_length(${attributeCatalog.examples}) >= ${EXAMPLES_PER_ATTRIBUTE} then ${attributeCatalog.examples}
            else (select coalesce(jsonb_agg(example order by first), '[]'::jsonb) from (
              select example, min(position) as first from jsonb_array_elements(${attributeCatalog.examples} || excluded.examples) with ordinality as listed(example, position)
              group by example order by first limit ${EXAMPLES_PER_ATTRIBUTE}) as kept) end`,
          updatedAt: sql`now()`,
        },
      })
  }
}

/** Counts events per name and day (of when they happened): the catalog's 30-day counts are sums of these counters. */
export async function countEvents(tx: Executor, incoming: readonly { name: string; at: number }[]): Promise<void> {
  const counts = new Map<string, number>()
  for (const event of incoming) {
    const key = `${event.name}\u0000${new Date(Math.floor(event.at / DAY) * DAY).toISOString().slice(0, 10)}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  if (counts.size === 0) return
  // In one order for every batch, so concurrent batches counting the same names never deadlock.
  const rows = [...counts]
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([key, count]) => {
      const [name, day] = key.split('\u0000') as [string, string]
      return { name, day, count }
    })
  await tx
    .insert(eventCounts)
    .values(rows)
    .onConflictDoUpdate({ target: [eventCounts.name, eventCounts.day], set: { count: sql`${eventCounts.count} + excluded.count` } })
}
