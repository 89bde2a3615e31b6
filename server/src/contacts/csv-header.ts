import { type LocalizedText, printable } from '@recall/shared'
import { fieldOfName, ID_ALIASES, type SameFieldTwice, sameFieldTwice } from './contact-fields'
import type { ContactRowError } from './read-contacts'

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
    readonly twice: SameFieldTwice,
    /** 1-based, as a spreadsheet counts columns. */
    readonly positions: [number, number],
  ) {
    super('contacts file has two columns for one field')
  }
}

/**
 * A column with no name in the header but a value under it: kept, it would be an attribute with no
 * name, and of two such columns only the last one's value (csv-parse keys cells by name). Refused
 * as a whole, naming the column and the first line with a value in it.
 */
class UnnamedColumnError extends Error {
  constructor(
    readonly position: number,
    readonly line: number,
  ) {
    super('contacts file has a value in a column with no name')
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

/** Whether a CSV read failed on its header row (no id column, two columns for one field, a refused name, a value under no name). */
export const isHeaderRefusal = (cause: unknown) =>
  cause instanceof MissingIdColumnError || cause instanceof DuplicateColumnError || cause instanceof ForbiddenColumnError || cause instanceof UnnamedColumnError

/** A column as a spreadsheet shows it: its number and its letters (3 is C, 28 is AB). */
export function columnLabel(position: number): LocalizedText {
  let letters = ''
  for (let rest = position; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters
  return { en: `column ${position} (${letters})`, zh: `第 ${position} 列(${letters} 列)` }
}

/**
 * A blank header cell is named by its position in spaces (column 3: three spaces): no named column
 * is blank, so the key is its own, and two blank columns do not share one key in a record.
 */
const isUnnamed = (name: string) => name.trim() === ''
const unnamedKey = (index: number) => ' '.repeat(index + 1)

/** The fields a header row's columns name; throws a header refusal when it cannot be read as contacts. */
export function columnNames(header: string[]): string[] {
  const forbidden = header.find((name) => name.trim() === '__proto__')
  if (forbidden !== undefined) throw new ForbiddenColumnError(forbidden.trim())
  const names = header.map((name, index) => (isUnnamed(name) ? unnamedKey(index) : fieldOfName(name)))
  if (!names.includes('id')) throw new MissingIdColumnError(header.map((name) => name.trim()))
  const twice = sameFieldTwice(header)
  if (twice) throw new DuplicateColumnError(twice, [twice.at[0] + 1, twice.at[1] + 1])
  return names
}

/**
 * The record without its unnamed columns. Those are an export's trailing commas while every cell
 * under them is empty; a value in one throws a header refusal naming the column and `line`.
 */
export function withoutUnnamedColumns(record: Record<string, unknown>, line: number): Record<string, unknown> {
  const unnamed = Object.keys(record).filter(isUnnamed)
  const filled = unnamed.find((key) => String(record[key] ?? '').trim() !== '')
  if (filled !== undefined) throw new UnnamedColumnError(filled.length, line)
  for (const key of unnamed) delete record[key]
  return record
}

/** A header refusal said as the header row's error, naming the column; undefined for any other failure. */
export function headerRefusal(cause: unknown): ContactRowError | undefined {
  if (cause instanceof MissingIdColumnError) {
    const found = cause.headers.map((name) => `"${printable(name)}"`).join(', ')
    // The other names of the id, from the registry; ID stands for the case not mattering.
    const others = ['ID', ...ID_ALIASES.filter((name) => name !== 'id')]
    return {
      row: 1,
      field: 'id',
      message: {
        en: `The header row has no id column: name it id (or ${others.join(', ')}); found ${found}`,
        zh: `表头中没有 id 列:请将该列命名为 id(或 ${others.join('、')});当前表头为 ${found}`,
      },
    }
  }
  if (cause instanceof DuplicateColumnError) {
    const name = printable(cause.twice.field)
    const [one, other] = [cause.twice.first, cause.twice.second].map(printable)
    const [first, second] = [columnLabel(cause.positions[0]), columnLabel(cause.positions[1])]
    return {
      row: 1,
      field: name,
      code: 'contact.duplicate_field',
      message: {
        en: `The header row has two columns for ${name}: "${one}" in ${first.en} and "${other}" in ${second.en}; keep one of them`,
        zh: `表头中有两列都表示 ${name}:${first.zh}"${one}" 和${second.zh}"${other}";请只保留其中一列`,
      },
    }
  }
  if (cause instanceof UnnamedColumnError) {
    const column = columnLabel(cause.position)
    return {
      row: 1,
      field: '',
      code: 'contact.unnamed_column',
      message: {
        en: `The header row has no name for ${column.en}, but line ${cause.line} has a value in it: name the column, or empty it`,
        zh: `表头中${column.zh}没有名称,但第 ${cause.line} 行在该列中有值:请为该列命名,或清空该列`,
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
