import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { type Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { type LocalizedText, nestedDeeperThan } from '@recall/shared'
import { and, desc, eq, sql } from 'drizzle-orm'
import { AttributeTally } from '../catalog/catalog'
import type { Database } from '../db/database'
import { contactImportRows, contactImports, contacts } from '../db/schema/index'
import { duplicateKeyProblems } from '../plugins/duplicate-keys'
import { ApiError } from '../plugins/errors'
import { MAX_JSON_DEPTH, tooDeepProblem, unsafeValues } from '../plugins/input-policy'
import { csvRows } from './csv-lines'
import { decodeStream, type FileEncoding } from './file-encoding'
import { heartbeatMs, IMPORT_STALE_SECONDS, ImportNoLongerRunningError, touchImports } from './import-sweep'
import { MERGED_COLUMNS, mergedRow } from './merge-contacts'
import { NothingToImportError, nothingToImport } from './nothing-to-import'
import { type ContactRowError, contactFromRecord, duplicateId, isUnreadableFile, unreadableFile } from './read-contacts'
import { mergeStagedContacts } from './staged-merge'
import { StagingBuffer } from './staging-buffer'

export type ImportFormat = 'csv' | 'ndjson'

/** Rows listed in a job's answer; the rest are counted. */
export const MAX_LISTED_ERRORS = 100
/** An upload larger than this is refused while it arrives. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024
/**
 * Staged JSON bytes per INSERT: about 500 rows of a typical file, some 50 ms of PGlite's one
 * connection. 256 KB statements took 200–400 ms each, and a request's every query waited for one.
 */
const STAGE_BYTES = 64 * 1024
/** Progress is written at most this often: enough for a progress bar. */
const PROGRESS_MS = 500

/** A row read from the file: its record, or why it was refused before its fields were read. */
interface NumberedRecord {
  record: unknown
  row: number
  problems?: ContactRowError[]
}

/**
 * Every row with its number, refused ones included (so each counts as read): CSV rows are the line
 * each starts on (the header is line 1), NDJSON rows are lines; a blank line is no row.
 */
async function* numberedRecords(text: Readable, format: ImportFormat): AsyncGenerator<NumberedRecord> {
  if (format === 'csv') {
    for await (const { record, row, problem } of csvRows(text)) yield { record, row, ...(problem ? { problems: [{ row, field: '', message: problem }] } : {}) }
    return
  }
  let row = 0
  let records = 0
  for await (const line of createInterface({ input: text, crlfDelay: Number.POSITIVE_INFINITY })) {
    row += 1
    if (line.trim() === '') continue
    records += 1
    let record: unknown
    try {
      record = JSON.parse(line)
    } catch {
      yield { record: undefined, row, problems: [{ row, field: '', message: { en: 'The line is not valid JSON', zh: '此行不是有效的 JSON' } }] }
      continue
    }
    const problems = lineProblems(record, row, line)
    yield { record, row, ...(problems.length > 0 ? { problems } : {}) }
  }
  if (records === 0) throw new NothingToImportError('empty')
}

/**
 * A line held to the policy every JSON body is held to: no key given twice in one object, nested no deeper than a body may be
 * (counted without recursion, before anything walks the row: a 500,000-level line once overflowed
 * the stack), no text the database cannot store, no number too large to be finite.
 */
function lineProblems(record: unknown, row: number, line: string): ContactRowError[] {
  // Problems point at the line as every import's rows are pointed at (/body/<line>/<field>); the field is what follows.
  const base = `/body/${row}`
  const onLine = (problem: { path: string; message: LocalizedText; code: string }) => ({
    row,
    field: problem.path.slice(base.length + 1),
    message: problem.message,
    code: problem.code,
  })
  // JSON.parse keeps the last of two equal keys: {"consent":false,"consent":true} would import a yes.
  const repeated = duplicateKeyProblems(line, base)
  if (repeated.length > 0) return repeated.map(onLine)
  if (nestedDeeperThan(record, MAX_JSON_DEPTH)) {
    const { message } = tooDeepProblem(base, MAX_JSON_DEPTH, { en: `Line ${row}`, zh: `第 ${row} 行` })
    return [{ row, field: '', message }]
  }
  return unsafeValues(record, base).map(onLine)
}

/** Every error counted, the first ones kept to show. */
class ErrorTally {
  readonly listed: ContactRowError[] = []
  count = 0
  add(errors: readonly ContactRowError[], count = errors.length) {
    this.count += count
    for (const error of errors) if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push(error)
  }
}

/**
 * Contacts files imported as background jobs: the upload is spooled to a temporary file, then
 * read, decoded and checked as a stream, good rows staged in batches, so memory stays flat
 * whatever the file's size. Only when every row is right are the staged rows merged into
 * contacts, in one transaction; otherwise nothing is written. The job's row carries its progress,
 * so closing the page that started it changes nothing.
 */
export function importJobs(db: Database, onError: (error: unknown) => void, staleSeconds = IMPORT_STALE_SECONDS) {
  const running = new Map<string, Promise<void>>()
  // Keeps this process's jobs visibly alive for the sweep other processes run; never keeps the process up.
  let heartbeat: NodeJS.Timeout | undefined
  const beat = () => touchImports(db, [...running.keys()]).catch(onError)

  /** Only a running job moves: one swept as interrupted (its process seemed dead) stays so. */
  async function progress(id: string, values: Partial<typeof contactImports.$inferInsert>) {
    await db
      .update(contactImports)
      .set(values)
      .where(and(eq(contactImports.id, id), eq(contactImports.status, 'running')))
  }

  async function run(id: string, path: string, format: ImportFormat): Promise<void> {
    const errors = new ErrorTally()
    let bytesRead = 0
    let rowsRead = 0
    let rowsValid = 0
    let encoding: FileEncoding | undefined
    const attributes = new AttributeTally()
    const staged = new StagingBuffer()
    let progressAt = 0
    const flush = async () => {
      // One JSON parameter per batch: far cheaper than 8 bound parameters per row on either driver.
      if (staged.count > 0)
        await db.execute(sql`
          insert into ${contactImportRows} (import_id, row, external_id, phone, time_zone, attributes, consent, suppressed, kept)
          select ${id}, row, external_id, phone, time_zone, attributes, consent, suppressed, kept
          from jsonb_to_recordset(convert_from(${staged.take()}, 'UTF8')::jsonb) as staged(row int, ${MERGED_COLUMNS})`)
      // A turn of the event loop between batches: requests that arrived meanwhile get their queries
      // in before the next batch (on PGlite they share one connection and one thread with it).
      await new Promise((resolve) => setImmediate(resolve))
      if (Date.now() - progressAt < PROGRESS_MS) return
      progressAt = Date.now()
      await progress(id, { bytesRead, rowsRead, rowsValid, errorCount: errors.count, errors: errors.listed, encoding: encoding ?? null })
    }
    try {
      const decoded = await decodeStream(createReadStream(path), (bytes) => {
        bytesRead += bytes
      })
      encoding = decoded.encoding
      for await (const { record, row, problems } of numberedRecords(decoded.text, format)) {
        rowsRead += 1
        if (problems) {
          errors.add(problems)
          continue
        }
        const found: ContactRowError[] = []
        const contact = contactFromRecord(record, row, found, { encoding })
        errors.add(found)
        if (!contact) continue
        rowsValid += 1
        attributes.add(contact.attributes)
        staged.add({ row, ...mergedRow(contact) })
        if (staged.bytes >= STAGE_BYTES) await flush()
      }
      progressAt = 0
      await flush()
      const duplicates = await duplicateRows(db, id)
      errors.add(duplicates.listed, duplicates.count)
      if (errors.count > 0) {
        await db.delete(contactImportRows).where(eq(contactImportRows.importId, id))
        await progress(id, { status: 'invalid', errorCount: errors.count, errors: errors.listed, rowsValid, finishedAt: new Date() })
        return
      }
      await mergeStagedContacts(db, id, attributes)
      // Fresh statistics for the planner and for estimates' totals: PGlite runs no autovacuum.
      await db.execute(sql`analyze ${contacts}`)
    } catch (cause) {
      if (cause instanceof ImportNoLongerRunningError) return
      await db.delete(contactImportRows).where(eq(contactImportRows.importId, id))
      // The file's fault, not the server's: said like a bad row, in both languages.
      if (isUnreadableFile(cause)) {
        errors.add([unreadableFile(cause)])
        await progress(id, { status: 'invalid', errorCount: errors.count, errors: errors.listed, rowsValid: 0, finishedAt: new Date() })
        return
      }
      // The cause goes to the log (scrubbed of the values it quotes); the job says, in both languages, that it was not the file.
      onError(cause)
      errors.add([{ row: 0, field: '', message: { en: 'The import failed on our side; nothing was imported', zh: '导入在服务器端失败,未导入任何联系人' } }])
      await progress(id, { status: 'failed', errorCount: errors.count, errors: errors.listed, finishedAt: new Date() })
    }
  }

  return {
    /** Spools the upload, records the job and starts it; answers with the job's id once the file has arrived. */
    async start(body: Readable, format: ImportFormat): Promise<string> {
      const folder = await mkdtemp(join(tmpdir(), 'recall-import-'))
      const path = join(folder, 'upload')
      let size = 0
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length
          if (size > MAX_IMPORT_BYTES)
            done(
              new ApiError(413, 'file_too_large', {
                en: `A contacts file may be at most ${MAX_IMPORT_BYTES / 1024 ** 3} GB`,
                zh: `联系人文件最大 ${MAX_IMPORT_BYTES / 1024 ** 3} GB`,
              }),
            )
          else done(null, chunk)
        },
      })
      try {
        await pipeline(body, limit, createWriteStream(path))
        // Refused before a job is recorded; a file of blank lines or a header alone is known only once read, and the job says so.
        if (size === 0) throw nothingToImport('empty')
      } catch (cause) {
        await rm(folder, { recursive: true, force: true })
        throw cause
      }
      const id = randomUUID()
      await db.insert(contactImports).values({ id, status: 'running', format, bytesTotal: size })
      const job = run(id, path, format).finally(async () => {
        running.delete(id)
        if (running.size === 0) clearInterval(heartbeat)
        await rm(folder, { recursive: true, force: true })
      })
      running.set(id, job)
      if (running.size === 1) heartbeat = setInterval(beat, heartbeatMs(staleSeconds)).unref()
      return id
    },

    async get(id: string) {
      const [job] = await db.select().from(contactImports).where(eq(contactImports.id, id))
      if (!job) throw new ApiError(404, 'import_not_found', { en: `No import "${id}"`, zh: `导入任务 "${id}" 不存在` })
      return answerOf(job)
    },

    /** The latest imports, newest first: a page opened later finds the one still running. */
    async recent(limit = 10) {
      return (await db.select().from(contactImports).orderBy(desc(contactImports.createdAt)).limit(limit)).map(answerOf)
    },

    /** Resolves when the jobs started by this process have finished (shutdown, tests). */
    async settled(): Promise<void> {
      await Promise.allSettled([...running.values()])
    },
  }
}

/** A job as the API shows it: progress as a percentage of the file read. */
function answerOf(job: typeof contactImports.$inferSelect) {
  const percent = job.status === 'running' ? (job.bytesTotal === 0 ? 0 : Math.min(99, Math.floor((job.bytesRead / job.bytesTotal) * 100))) : 100
  return { ...job, percent }
}

/**
 * Later rows repeating an id already staged, found in the database (no id set grows in memory):
 * the first ones to list and how many in all.
 */
async function duplicateRows(db: Database, importId: string): Promise<{ listed: ContactRowError[]; count: number }> {
  const repeated = sql`
    select row, external_id from (
      select row, external_id, row_number() over (partition by external_id order by row) as n
      from ${contactImportRows} where import_id = ${importId}
    ) numbered where n > 1`
  const rowsOf = <T>(answer: unknown) => (answer as { rows: T[] }).rows
  const listed = rowsOf<{ row: number; external_id: string }>(await db.execute(sql`${repeated} order by row limit ${MAX_LISTED_ERRORS}`))
  const [counted] = rowsOf<{ count: number }>(await db.execute(sql`select count(*)::int as count from (${repeated}) repeated`))
  return { listed: listed.map((row) => duplicateId(row.row, row.external_id)), count: counted?.count ?? 0 }
}
