import { isValidTimeZone, type SimulationContact } from '@recall/engine'
import { type LocalizedText, normalizePhone, PhoneNumberError } from '@recall/shared'
import { parse } from 'csv-parse/sync'

/** The options every CSV contacts file is read with, whole or streamed. */
export const CSV_OPTIONS = { columns: true, skip_empty_lines: true, trim: true, bom: true } as const

export interface ContactRowError {
  /** 1-based row in the file (CSV: the line, counting the header; JSON: the array index + 1). */
  row: number
  field: string
  message: LocalizedText
}

export interface ReadOptions {
  /**
   * Consent for rows that do not say. Off for real imports: marketing needs prior consent, so a
   * missing answer is a no. Simulations of sample audiences may assume consent.
   */
  consentByDefault?: boolean
}

export interface ReadContacts {
  contacts: (SimulationContact & { phone?: string })[]
  errors: ContactRowError[]
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是'])
const FALSE = new Set(['false', '0', 'no', 'n', '否', ''])
const RESERVED = new Set(['id', 'phone', 'time_zone', 'timeZone', 'consent', 'suppressed'])

function flag(value: unknown, field: string, row: number, errors: ContactRowError[], fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback
  if (typeof value === 'boolean') return value
  const text = String(value).trim().toLowerCase()
  if (TRUE.has(text)) return true
  if (FALSE.has(text)) return text === '' ? fallback : false
  errors.push({ row, field, message: { en: `${field} must be true or false, not "${String(value)}"`, zh: `${field} 必须为 true 或 false,而不是"${String(value)}"` } })
  return fallback
}

/** CSV cells arrive as text; numbers become numbers so that conditions such as points ≥ 1000 work. */
function attributeValue(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const trimmed = value.trim()
  return trimmed !== '' && /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed
}

function toContact(record: Record<string, unknown>, row: number, errors: ContactRowError[], consentByDefault: boolean): (SimulationContact & { phone?: string }) | undefined {
  const before = errors.length
  const id = String(record.id ?? '').trim()
  if (id === '') errors.push({ row, field: 'id', message: { en: 'id is required', zh: 'id 为必填项' } })
  let phone: string | undefined
  if (record.phone !== undefined && String(record.phone).trim() !== '') {
    try {
      phone = normalizePhone(String(record.phone))
    } catch (cause) {
      if (!(cause instanceof PhoneNumberError)) throw cause
      errors.push({ row, field: 'phone', message: cause.localized })
    }
  }
  const zone = record.time_zone ?? record.timeZone
  const timeZone = zone === undefined || String(zone).trim() === '' ? undefined : String(zone).trim()
  if (timeZone && !isValidTimeZone(timeZone))
    errors.push({ row, field: 'time_zone', message: { en: `"${timeZone}" is not a known time zone (e.g. Asia/Shanghai)`, zh: `"${timeZone}" 不是有效的时区(例如 Asia/Shanghai)` } })
  const consent = flag(record.consent, 'consent', row, errors, consentByDefault)
  const suppressed = flag(record.suppressed, 'suppressed', row, errors, false)
  const nested = typeof record.attributes === 'object' && record.attributes !== null ? (record.attributes as Record<string, unknown>) : {}
  const flat = Object.fromEntries(Object.entries(record).filter(([key]) => !RESERVED.has(key) && key !== 'attributes'))
  const attributes = Object.fromEntries(Object.entries({ ...flat, ...nested }).map(([key, value]) => [key, attributeValue(value)]))
  if (errors.length > before) return undefined
  return { id, ...(phone ? { phone } : {}), timeZone, attributes, consent, suppressed, sends: [], events: [] }
}

/** csv-parse's failures, said as a person would (its own messages are English only and name its internals). */
const CSV_FAILURES: Record<string, (line: string) => LocalizedText> = {
  CSV_QUOTE_NOT_CLOSED: (line) => ({ en: `a quote (") opened on line ${line} is never closed`, zh: `第 ${line} 行的引号(")没有闭合` }),
  CSV_RECORD_INCONSISTENT_COLUMNS: (line) => ({ en: `line ${line} has more or fewer columns than the header`, zh: `第 ${line} 行的列数与表头不一致` }),
  CSV_INVALID_CLOSING_QUOTE: (line) => ({
    en: `a quote (") on line ${line} is followed by text; double it ("") to write a quote`,
    zh: `第 ${line} 行引号(")后面还有文字;引号本身请写成两个("")`,
  }),
}

export function unreadableFile(cause: unknown): ContactRowError {
  const failure = cause as { code?: string; lines?: number } | undefined
  const known = failure?.code ? CSV_FAILURES[failure.code] : undefined
  const detail: LocalizedText = known
    ? known(String(failure?.lines ?? '?'))
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
  let records: unknown
  try {
    records = format === 'json' ? (JSON.parse(text) as Record<string, unknown>[]) : (parse(text, CSV_OPTIONS) as Record<string, unknown>[])
  } catch (cause) {
    return { contacts: [], errors: [unreadableFile(cause)] }
  }
  return contactsFromRecords(records, format, options)
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
    add(record: unknown): void {
      const row = format === 'csv' ? index + 2 : index + 1
      index += 1
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        result.errors.push({ row, field: '', message: { en: 'each contact must be an object', zh: '每个联系人必须是一个对象' } })
        return
      }
      const contact = toContact(record as Record<string, unknown>, row, result.errors, options.consentByDefault ?? false)
      if (!contact) return
      if (seen.has(contact.id)) {
        result.errors.push({ row, field: 'id', message: { en: `id "${contact.id}" appears twice`, zh: `id "${contact.id}" 重复出现` } })
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

/** Checks already-parsed records (a JSON body, CSV rows); `format` only sets how rows are numbered. */
export function contactsFromRecords(records: unknown, format: 'csv' | 'json', options: ReadOptions = {}): ReadContacts {
  if (!Array.isArray(records)) return { contacts: [], errors: [{ row: 0, field: '', message: { en: 'The contacts JSON must be an array', zh: '联系人 JSON 必须是数组' } }] }
  const checker = contactRowChecker(format, options)
  for (const record of records) checker.add(record)
  return checker.result
}
