import { printable } from '@recall/shared'
import { fieldOfName, ID_ALIASES, type SameFieldTwice, sameFieldTwice, sameFieldTwiceMessage } from './contact-fields'
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
  constructor(readonly twice: SameFieldTwice) {
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

/** The fields a header row's columns name; throws a header refusal when it cannot be read as contacts. */
export function columnNames(header: string[]): string[] {
  const forbidden = header.find((name) => name.trim() === '__proto__')
  if (forbidden !== undefined) throw new ForbiddenColumnError(forbidden.trim())
  const names = header.map(fieldOfName)
  if (!names.includes('id')) throw new MissingIdColumnError(header.map((name) => name.trim()))
  const twice = sameFieldTwice(header)
  if (twice) throw new DuplicateColumnError(twice)
  return names
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
  if (cause instanceof DuplicateColumnError)
    return { row: 1, field: printable(cause.twice.field), code: 'contact.duplicate_field', message: sameFieldTwiceMessage(cause.twice, 'header') }
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
