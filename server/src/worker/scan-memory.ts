import { getTableColumns, type SQL, sql } from 'drizzle-orm'
import { anyOf } from '../db/any-of'
import { contacts } from '../db/schema/index'
import { contactViewOf, type Executor, type StoredContactView } from './contact-view'

type ContactRow = typeof contacts.$inferSelect

/** One trigger's answer for one contact: a member now, and until when that answer holds if the contact does not change. */
export interface Judgement {
  member: boolean
  /** The answer is the same at every time in [now, until); `now` to judge again at the next scan. */
  until: number
}

export type Judge = (contact: ContactRow, view: StoredContactView) => Judgement

interface Judged {
  /** The row version (`xmin`) the answer was judged on: any update of the row gives a new one. */
  version: string
  until: number
  /** Indexes of the triggers the contact is a member of. */
  memberOf: readonly number[]
}

/**
 * Every so many scans every contact is judged afresh, whatever the memory says: a safety net, not a
 * need (every answer is kept only while it is known to hold).
 */
const FULL_JUDGEMENT_EVERY = 100
const PAGE = 5_000
const NONE: readonly number[] = []

/** The row version PostgreSQL gives every insert and update (the transaction that wrote it): never the same for a changed row. */
const rowVersion = sql<string>`xmin::text`

/**
 * What the last scans judged of each contact, so a scan judges again only the contacts whose row
 * changed since (new version), and those whose answer may change with time alone (a date condition
 * crossing its boundary, a date trigger coming due). Reading and judging every contact at each scan
 * was most of an idle demo server's work, while few contacts change between two scans.
 * Kept per process: every scan still reads all rows' versions, so writes by other processes count.
 */
export function scanMemory() {
  let key: string | undefined
  let judged = new Map<string, Judged>()
  let lastNow = Number.NEGATIVE_INFINITY
  let scans = 0

  async function judgeRows(db: Executor, ids: readonly string[], judges: readonly Judge[]): Promise<void> {
    // A contact deleted meanwhile is not read back, and must not keep its old answer.
    for (const id of ids) judged.delete(id)
    for (let index = 0; index < ids.length; index += PAGE) {
      const rows = await db
        .select({ ...getTableColumns(contacts), version: rowVersion })
        .from(contacts)
        .where(anyOf(contacts.id, ids.slice(index, index + PAGE)))
      for (const row of rows) {
        const view = contactViewOf(row, undefined)
        let until = Number.POSITIVE_INFINITY
        const memberOf: number[] = []
        for (const [plan, judge] of judges.entries()) {
          const judgement = judge(row, view)
          if (judgement.member) memberOf.push(plan)
          until = Math.min(until, judgement.until)
        }
        judged.set(row.id, { version: row.version, until, memberOf: memberOf.length > 0 ? memberOf : NONE })
      }
    }
  }

  return {
    /** The time of the last scan this memory took part in (a date trigger counts from it). */
    get lastNow() {
      return lastNow
    },

    /**
     * The members of each trigger at `now` among the contacts `only` lets through, as judging each of them would find them. `scanKey`
     * names what the judges judge (conditions, triggers, time zone): a different one forgets
     * everything. `continuous`: the judges count from this memory's last scan (else judged afresh).
     */
    async members(db: Executor, scanKey: string, judges: readonly Judge[], now: number, continuous: boolean, only?: SQL): Promise<Set<string>[]> {
      if (scanKey !== key || !continuous || now < lastNow || scans >= FULL_JUDGEMENT_EVERY) {
        judged = new Map()
        scans = 0
      }
      // Until this scan ends well, a failure part way leaves nothing to trust.
      key = undefined
      const versions = await db.select({ id: contacts.id, version: rowVersion }).from(contacts).where(only)
      const present = new Set<string>()
      const stale: string[] = []
      for (const { id, version } of versions) {
        present.add(id)
        const known = judged.get(id)
        if (!known || known.version !== version || known.until <= now) stale.push(id)
      }
      // Those left out now (deleted, or turned away by `only`) are judged afresh if they come back.
      for (const id of judged.keys()) if (!present.has(id)) judged.delete(id)
      await judgeRows(db, stale, judges)
      const members = judges.map(() => new Set<string>())
      for (const [id, { memberOf }] of judged) for (const plan of memberOf) members[plan]?.add(id)
      key = scanKey
      lastNow = now
      scans += 1
      return members
    },
  }
}

export type ScanMemory = ReturnType<typeof scanMemory>
