import { printable } from '@recall/shared'
import type { ContactRowError } from './read-contacts'

/** Column headers a Chinese spreadsheet uses for the reserved fields, and the field each means. */
const CHINESE_HEADERS: Record<string, string> = {
  手机号: 'phone',
  手机: 'phone',
  手机号码: 'phone',
  姓名: 'name',
  时区: 'time_zone',
  是否同意: 'consent',
  同意营销: 'consent',
}

/** Headers taken as the id column, compared without case: a Chinese CRM export says 编号 or 会员号, Excel users type ID. */
const ID_HEADERS = new Set(['id', '编号', '客户编号', '会员号'])

/** A CSV whose header row has no id column: refused as a whole, naming what was expected and what was found. */
class MissingIdColumnError extends Error {
  constructor(readonly headers: string[]) {
    super('contacts file has no id column')
  }
}

/**
 * Two columns meaning the same field (consent and 是否同意, id twice): CSV reading would let the
 * last one win without a word, so a "no" could become a "yes". Refused as a whole, naming both.
 */
class DuplicateColumnError extends Error {
  constructor(
    readonly field: string,
    readonly first: string,
    readonly second: string,
  ) {
    super('contacts file has two columns for one field')
  }
}

/**
 * A column headed "__proto__": csv-parse sets each cell on the record by name, so JavaScript would
 * take the cell as the record's prototype and the column would vanish without a word. Refused as
 * a whole, naming it; "constructor" and "prototype" are plain names here and stay attributes.
 */
class ForbiddenColumnError extends Error {
  constructor(readonly header: string) {
    super('contacts file has a column named for the prototype')
  }
}

/** Whether a CSV read failed on its header row (no id column, two columns for one field, a refused name). */
export const isHeaderRefusal = (cause: unknown) => cause instanceof MissingIdColumnError || cause instanceof DuplicateColumnError || cause instanceof ForbiddenColumnError

function columnName(header: string): string {
  const name = header.trim()
  if (ID_HEADERS.has(name.toLowerCase())) return 'id'
  // Own entries only: a column headed "constructor" would otherwise be named by Object's function.
  // timeZone is read as time_zone: one name per field, so the two cannot both be given.
  if (Object.hasOwn(CHINESE_HEADERS, name)) return CHINESE_HEADERS[name] as string
  return name === 'timeZone' ? 'time_zone' : header
}

/** The fields a header row's columns name; throws a header refusal when it cannot be read as contacts. */
export function columnNames(header: string[]): string[] {
  const forbidden = header.find((name) => name.trim() === '__proto__')
  if (forbidden !== undefined) throw new ForbiddenColumnError(forbidden.trim())
  const names = header.map(columnName)
  if (!names.includes('id')) throw new MissingIdColumnError(header.map((name) => name.trim()))
  const firstAt = new Map<string, number>()
  names.forEach((name, index) => {
    // Unnamed columns (a spreadsheet's trailing commas) hold nothing anyone asked for.
    if (name.trim() === '') return
    const first = firstAt.get(name)
    if (first !== undefined) throw new DuplicateColumnError(name, (header[first] ?? '').trim(), (header[index] ?? '').trim())
    firstAt.set(name, index)
  })
  return names
}

/** A header refusal said as the header row's error, naming the column; undefined for any other failure. */
export function headerRefusal(cause: unknown): ContactRowError | undefined {
  if (cause instanceof MissingIdColumnError) {
    const found = cause.headers.map((name) => `"${printable(name)}"`).join(', ')
    return {
      row: 1,
      field: 'id',
      message: {
        en: `The header row has no id column: name it id (or ID, 编号, 客户编号, 会员号); found ${found}`,
        zh: `表头中没有 id 列:请将该列命名为 id(或 ID、编号、客户编号、会员号);当前表头为 ${found}`,
      },
    }
  }
  if (cause instanceof DuplicateColumnError) {
    const [field, first, second] = [cause.field, cause.first, cause.second].map(printable)
    return {
      row: 1,
      field: field ?? '',
      message: {
        en: `The header row has two columns for ${field}: "${first}" and "${second}"; keep one of them`,
        zh: `表头中有两列都表示 ${field}:"${first}" 和 "${second}";请只保留其中一列`,
      },
    }
  }
  if (cause instanceof ForbiddenColumnError) {
    const name = cause.header
    return {
      row: 1,
      field: name,
      // The input policy's code, as a field so named in a JSON body or an NDJSON line gets: a refused name, not a bad row.
      code: 'input.forbidden_key',
      message: {
        en: `The header row has a column named "${name}", a name JavaScript reserves for an object's prototype, so its cells would be lost; rename the column`,
        zh: `表头中有名为 "${name}" 的列:该名称是 JavaScript 中表示对象原型的保留名称,此列的内容会丢失;请重命名该列`,
      },
    }
  }
  return undefined
}
