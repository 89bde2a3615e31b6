import { canonicalTimeZone, type SimulationContact } from '@recall/engine'
import { hasUnsafeCharacters, type LocalizedText, normalizedExternalId, normalizePhone, PhoneNumberError, printable, UNSAFE_CHARACTERS_RULE } from '@recall/shared'
import { parse } from 'csv-parse/sync'
import { duplicateKeyPath, duplicateKeyProblem } from '../plugins/duplicate-keys'
import { recordByField, sameFieldTwiceMessage } from './contact-fields'
import { headerRefusal, isHeaderRefusal } from './csv-header'
import { type CsvEntry, CsvFailure, CsvLines, type CsvRow } from './csv-lines'
import { fieldText, notTextMessage } from './field-text'
import { NothingToImportError, nothingToImportRow } from './nothing-to-import'

/** Failures of the file as a whole (its header, its quoting, nothing in it), said like a bad row rather than as the server's fault. */
export const isUnreadableFile = (cause: unknown) => isHeaderRefusal(cause) || cause instanceof CsvFailure || cause instanceof NothingToImportError

/**
 * Where a row's problem is in the request, as the rest of the API points into a body: `/body`,
 * then where the file sits in it (`within`: '' when the body is the file, `/csv` when a JSON body
 * carries it in its csv field), then the row and its field. A text file's row is its line (the
 * header is line 1; `/body/3/phone`); a JSON array's is the item's index, as a JSON Pointer
 * (`/body/0/phone`). Row 0 is the file as a whole (`/body`).
 */
export function rowPath(error: Pick<ContactRowError, 'row' | 'field'>, within = '', rows: 'lines' | 'items' = 'lines'): string {
  if (error.row === 0) return `/body${within}`
  const row = rows === 'items' ? error.row - 1 : error.row
  return `/body${within}/${row}${error.field === '' ? '' : `/${error.field}`}`
}

/** Row errors as the API's problems: contact.invalid, or the more precise code a row error carries. */
export const rowProblems = (errors: readonly ContactRowError[], within = '', rows: 'lines' | 'items' = 'lines') =>
  errors.map((error) => ({ code: error.code ?? 'contact.invalid', severity: 'error' as const, path: rowPath(error, within, rows), message: error.message }))

export interface ContactRowError {
  /** 1-based row in the file (CSV: the line, counting the header; JSON: the array index + 1). */
  row: number
  field: string
  message: LocalizedText
  /**
   * A code more precise than contact.invalid: the input policy's (input.*, a name refused everywhere,
   * not a contact's mistake) or a contact's own (contact.duplicate_id, contact.duplicate_field).
   */
  code?: string
}

/** Errors the input policy refuses in any body (input.*), as opposed to a contact's own mistakes. */
export const isPolicyRefusal = (error: ContactRowError) => error.code?.startsWith('input.') ?? false

/** How many rows the errors are about: a row with a bad phone and a bad zone is one bad row, not two. */
export function invalidRowCount(errors: readonly ContactRowError[]): number {
  return new Set(errors.map((error) => error.row)).size
}

export interface ReadOptions {
  /**
   * Consent for rows that do not say. Off for real imports: marketing needs prior consent, so a
   * missing answer is a no. Simulations of sample audiences may assume consent.
   */
  consentByDefault?: boolean
  /** The encoding the file was decoded with, named when a row does not decode. */
  encoding?: string
}

/** The fields a row may leave out to keep a stored contact's value; given empty, they clear it. */
export type KeptField = 'phone' | 'time_zone' | 'consent'
const KEEPABLE: readonly KeptField[] = ['phone', 'time_zone', 'consent']

/**
 * A contact as read from a file row. For a contact already stored, a field the row leaves out
 * (`kept`, an attribute it does not name) keeps its stored value, and one it gives empty (a blank
 * CSV cell, null or "") clears it (`cleared`, for attributes): a CSV and an NDJSON of the same
 * contacts import the same.
 */
export type ImportedContactRow = SimulationContact & { phone?: string; kept?: KeptField[]; cleared?: string[] }

export interface ReadContacts {
  contacts: ImportedContactRow[]
  errors: ContactRowError[]
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是'])
const FALSE = new Set(['false', '0', 'no', 'n', '否', ''])
const RESERVED = new Set(['id', 'phone', 'time_zone', 'consent', 'suppressed'])
/** As the contact routes' `externalId` parameter and the events' `contactId` allow. */
const MAX_ID_LENGTH = 200

/** The yes/no fields as a Chinese reader knows them: the message names the field in the reader's language. */
const FLAG_NAMES_ZH: Record<string, string> = { consent: '同意状态', suppressed: '退订状态' }

/**
 * A yes/no cell or field (true/false, 1/0, yes/no, y/n, 是/否); anything else is reported against the
 * field with the values it reads, named in Chinese in the Chinese text (`zhName`, or the reserved field's Chinese name).
 */
export function flag(value: unknown, field: string, row: number, errors: ContactRowError[], fallback: boolean, zhName = FLAG_NAMES_ZH[field] ?? field): boolean {
  if (value === undefined || value === null) return fallback
  if (typeof value === 'boolean') return value
  const given = fieldText(value)
  if (given === undefined) {
    errors.push({ row, field, message: notTextMessage(field) })
    return fallback
  }
  const text = given.trim().toLowerCase()
  if (TRUE.has(text)) return true
  if (FALSE.has(text)) return text === '' ? fallback : false
  // A Latin name (a trait's, a column's) is set off from the Chinese that follows it; a Chinese one is not.
  const subject = /\p{Script=Han}$/u.test(zhName) ? zhName : `${zhName} `
  errors.push({
    row,
    field,
    message: {
      en: `${field} must be yes or no (true/false, yes/no, y/n, 1/0 or 是/否), not "${given}"`,
      zh: `${subject}必须为是或否(true/false、yes/no、y/n、1/0 或 是/否),而不是"${given}"`,
    },
  })
  return fallback
}

/** CSV cells arrive as text; numbers become numbers so that conditions such as points ≥ 1000 work. */
function attributeValue(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const trimmed = value.trim()
  if (trimmed === '' || !/^-?\d+(\.\d+)?$/.test(trimmed)) return trimmed
  // 400 digits would be Infinity, stored as null: such a cell stays the text it was.
  const number = Number(trimmed)
  return Number.isFinite(number) ? number : trimmed
}

/** Cells (and column names) with a NUL or half a surrogate pair: the database cannot store them. */
function unsafeCells(record: Record<string, unknown>, row: number, errors: ContactRowError[]) {
  for (const [column, value] of Object.entries(record)) {
    if (!hasUnsafeCharacters(column) && !(typeof value === 'string' && hasUnsafeCharacters(value))) continue
    const field = printable(column)
    errors.push({ row, field, message: { en: `${field} ${UNSAFE_CHARACTERS_RULE.en}`, zh: `${field} ${UNSAFE_CHARACTERS_RULE.zh}` } })
  }
}

/** A value that clears the stored one: null, or text with nothing in it. */
const isEmpty = (value: unknown) => value === null || (typeof value === 'string' && value.trim() === '')

function toContact(record: Record<string, unknown>, row: number, errors: ContactRowError[], consentByDefault: boolean): ImportedContactRow | undefined {
  const before = errors.length
  unsafeCells(record, row, errors)
  for (const field of ['id', 'phone', 'time_zone'] as const)
    if (record[field] != null && fieldText(record[field]) === undefined) errors.push({ row, field, message: notTextMessage(field) })
  if (errors.length > before) return undefined
  const id = normalizedExternalId(String(record.id ?? '').trim())
  if (id === '') errors.push({ row, field: 'id', message: { en: 'id is required', zh: 'id 为必填项' } })
  // Every route that names a contact takes at most 200 characters: a longer id could be imported but never read, changed or deleted.
  else if (id.length > MAX_ID_LENGTH)
    errors.push({ row, field: 'id', message: { en: `id is ${id.length} characters long; at most ${MAX_ID_LENGTH}`, zh: `id 长度为 ${id.length} 个字符,最多 ${MAX_ID_LENGTH} 个` } })
  let phone: string | undefined
  if (record.phone !== undefined && !isEmpty(record.phone)) {
    try {
      phone = normalizePhone(String(record.phone))
    } catch (cause) {
      if (!(cause instanceof PhoneNumberError)) throw cause
      errors.push({ row, field: 'phone', message: cause.localized })
    }
  }
  const zone = record.time_zone
  const typed = zone === undefined || isEmpty(zone) ? undefined : String(zone).trim()
  const timeZone = typed === undefined ? undefined : canonicalTimeZone(typed)
  if (typed !== undefined && !timeZone)
    errors.push({ row, field: 'time_zone', message: { en: `"${typed}" is not a known time zone (e.g. Asia/Shanghai)`, zh: `"${typed}" 不是有效的时区(例如 Asia/Shanghai)` } })
  const consent = flag(record.consent, 'consent', row, errors, consentByDefault)
  const suppressed = flag(record.suppressed, 'suppressed', row, errors, false)
  const nested = typeof record.attributes === 'object' && record.attributes !== null ? (record.attributes as Record<string, unknown>) : {}
  const flat = Object.fromEntries(Object.entries(record).filter(([key]) => !RESERVED.has(key) && key !== 'attributes'))
  const named = Object.entries({ ...flat, ...nested })
  const attributes = Object.fromEntries(named.filter(([, value]) => !isEmpty(value)).map(([key, value]) => [key, attributeValue(value)]))
  const cleared = named.filter(([, value]) => isEmpty(value)).map(([key]) => key)
  const kept = KEEPABLE.filter((field) => record[field] === undefined)
  if (errors.length > before) return undefined
  return {
    id,
    ...(phone ? { phone } : {}),
    timeZone,
    attributes,
    consent,
    suppressed,
    sends: [],
    events: [],
    ...(kept.length > 0 ? { kept } : {}),
    ...(cleared.length > 0 ? { cleared } : {}),
  }
}

/** csv-parse's failures, said as a person would (its own messages are English only and name its internals). */
const CSV_FAILURES: Record<string, (line: number) => LocalizedText> = {
  CSV_QUOTE_NOT_CLOSED: (line) => ({ en: `a quote (") opened on line ${line} is never closed`, zh: `第 ${line} 行的引号(")没有闭合` }),
  CSV_INVALID_CLOSING_QUOTE: (line) => ({
    en: `a quote (") on line ${line} is followed by text; double it ("") to write a quote`,
    zh: `第 ${line} 行引号(")后面还有文字;引号本身请写成两个("")`,
  }),
}

export function unreadableFile(cause: unknown): ContactRowError {
  const header = headerRefusal(cause)
  if (header) return header
  if (cause instanceof NothingToImportError) return nothingToImportRow(cause.kind)
  const known = cause instanceof CsvFailure ? CSV_FAILURES[cause.code] : undefined
  const detail: LocalizedText = known
    ? known((cause as CsvFailure).line)
    : cause instanceof SyntaxError
      ? { en: 'it is not valid JSON', zh: '不是有效的 JSON' }
      : { en: 'it is not valid CSV', zh: '不是有效的 CSV' }
  return { row: 0, field: '', message: { en: `The contacts file cannot be read: ${detail.en}`, zh: `无法读取联系人文件:${detail.zh}` } }
}

/**
 * Reads contacts from a JSON array or a CSV with a header row (id, phone, time_zone, consent,
 * suppressed; any other column is an attribute). Bad rows are reported with their field and
 * left out; nothing is guessed.
 */
export function readContacts(text: string, format: 'csv' | 'json', options: ReadOptions = {}): ReadContacts {
  if (format === 'json') {
    let records: unknown
    try {
      records = JSON.parse(text)
    } catch (cause) {
      return { contacts: [], errors: [unreadableFile(cause)] }
    }
    // JSON.parse keeps the last of two equal keys: {"consent":false,"consent":true} would read as a yes.
    // Rows are the array's items; a file that is not an array is refused below, whatever its keys.
    const [index, ...field] = duplicateKeyPath(text) ?? []
    if (typeof index === 'number') {
      const { message, code } = duplicateKeyProblem(field, `/${index + 1}`)
      return { contacts: [], errors: [{ row: index + 1, field: field.join('/'), message, code }] }
    }
    return contactsFromRecords(records, format, options)
  }
  const lines = new CsvLines()
  let rows: CsvRow[]
  try {
    rows = (parse(text, lines.options) as unknown as CsvEntry[]).map((entry) => lines.row(entry))
  } catch (cause) {
    return { contacts: [], errors: [unreadableFile(lines.failure(cause))] }
  }
  const checker = contactRowChecker('csv', options)
  for (const row of rows) checker.add(row.record, row)
  return checker.result
}

/** Why a row holding undecodable bytes is refused: in a UTF-8 file the bytes are damaged, elsewhere the file is better saved as UTF-8. */
function undecodedRow(encoding: string): { en: string; zh: string } {
  if (encoding.startsWith('utf-8'))
    return {
      en: 'The row holds bytes that are not valid UTF-8 (a character cut off?); correct the row and import it again',
      zh: '此行含有无效的 UTF-8 字节(可能有字符被截断);请修正此行后重新导入',
    }
  return {
    en: `The row cannot be decoded as ${encoding}; save the file as UTF-8 and import it again`,
    zh: `此行无法按 ${encoding} 编码读取;请将文件另存为 UTF-8 后重新导入`,
  }
}

/**
 * One record checked on its own: a contact, or undefined with its problems added to `errors`
 * (not an object, a row that did not decode, a bad field). No memory of other rows.
 */
export function contactFromRecord(record: unknown, row: number, errors: ContactRowError[], options: ReadOptions = {}): ImportedContactRow | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    errors.push({ row, field: '', message: { en: 'each contact must be an object', zh: '每个联系人必须是一个对象' } })
    return undefined
  }
  if (Object.values(record).some((value) => typeof value === 'string' && value.includes('\uFFFD'))) {
    errors.push({ row, field: '', message: undecodedRow(options.encoding ?? 'utf-8') })
    return undefined
  }
  // Keys read by the names CSV columns are read by (是否同意 is consent in every format).
  const named = recordByField(record as Record<string, unknown>)
  if ('twice' in named) {
    errors.push({ row, field: named.twice.field, code: 'contact.duplicate_field', message: sameFieldTwiceMessage(named.twice) })
    return undefined
  }
  return toContact(named.record, row, errors, options.consentByDefault ?? false)
}

/**
 * Checks records one at a time, so a stream of CSV rows never has to sit in memory as text:
 * good rows are kept as contacts, bad ones reported with their row and field.
 */
export function contactRowChecker(format: 'csv' | 'json', options: ReadOptions = {}) {
  const result: ReadContacts = { contacts: [], errors: [] }
  const seen = new Set<string>()
  let index = 0
  return {
    result,
    /** A record, numbered by its place unless `at` gives its CSV line and any problem found in reading it. */
    add(record: unknown, at?: Omit<CsvRow, 'record'>): void {
      const row = at?.row ?? (format === 'csv' ? index + 2 : index + 1)
      index += 1
      if (at?.problem) {
        result.errors.push({ row, field: '', message: at.problem })
        return
      }
      const contact = contactFromRecord(record, row, result.errors, options)
      if (!contact) return
      if (seen.has(contact.id)) {
        result.errors.push(duplicateId(row, contact.id))
        return
      }
      seen.add(contact.id)
      result.contacts.push(contact)
    },
    get rows() {
      return index
    },
  }
}

/** A later row repeating an id of the same upload: refused with its own code, so a client can tell it from a bad field. */
export const duplicateId = (row: number, id: string): ContactRowError => ({
  row,
  field: 'id',
  code: 'contact.duplicate_id',
  message: { en: `id "${id}" appears twice`, zh: `id "${id}" 重复出现` },
})

/** Checks already-parsed records (a JSON body, CSV rows); `format` only sets how rows are numbered. */
export function contactsFromRecords(records: unknown, format: 'csv' | 'json', options: ReadOptions = {}): ReadContacts {
  if (!Array.isArray(records)) return { contacts: [], errors: [{ row: 0, field: '', message: { en: 'The contacts JSON must be an array', zh: '联系人 JSON 必须是数组' } }] }
  const checker = contactRowChecker(format, options)
  for (const record of records) checker.add(record)
  return checker.result
}
