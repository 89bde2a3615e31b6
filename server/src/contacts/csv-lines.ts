import type { Readable } from 'node:stream'
import type { LocalizedText } from '@recall/shared'
import { CsvError, type Info, parse } from 'csv-parse'
import { columnNames, withoutUnnamedColumns } from './csv-header'
import { NothingToImportError } from './nothing-to-import'

/** What csv-parse gives for each record when read with `info: true`. */
export interface CsvEntry {
  record: Record<string, unknown>
  info: Pick<Info, 'lines' | 'empty_lines'> & { columns?: unknown[] | false; error?: { code?: string; record?: unknown[] } }
}

/** A CSV record with the line it starts on; `problem` says why it is refused before its fields are read. */
export interface CsvRow {
  record: Record<string, unknown>
  row: number
  problem?: LocalizedText
}

/** A CSV file csv-parse could not read to its end, with the line its reason points at. */
export class CsvFailure extends Error {
  constructor(
    readonly code: string,
    readonly line: number,
  ) {
    super(`CSV not readable: ${code} at line ${line}`)
  }
}

const columns = (count: number) => (count === 1 ? '1 column' : `${count} columns`)

/**
 * Where each record starts. csv-parse says the line a record ends on, and places a quote left
 * open at the file's last line; the record holding it starts one line after the previous record
 * ended, past the empty lines skipped in between. The header is taken as line 1.
 */
export class CsvLines {
  private ended = 1
  private empty = 0
  private header = false
  private rows = 0

  /**
   * The options a CSV contacts file is read with, whole or streamed; Chinese headers name the
   * reserved fields too. Each record comes with its position (for its line number), and a row
   * with the wrong number of cells is reported as that row's problem rather than ending the read.
   */
  readonly options = {
    columns: (header: string[]) => {
      this.header = true
      return columnNames(header)
    },
    skip_empty_lines: true,
    trim: true,
    bom: true,
    info: true,
    relax_column_count: true,
  } as const

  /** The line of the record that ends at `position`; records must be given in order. */
  startOf(position: Pick<Info, 'lines' | 'empty_lines'>): number {
    const start = this.ended + 1 + (position.empty_lines - this.empty)
    this.ended = position.lines
    this.empty = position.empty_lines
    return start
  }

  /**
   * A record as a row; one with more or fewer cells than the header is refused by count (read with
   * `relax_column_count`), a value under a column with no name refuses the file.
   */
  row({ record, info }: CsvEntry): CsvRow {
    const row = this.startOf(info)
    this.rows += 1
    if (info.error?.code !== 'CSV_RECORD_INCONSISTENT_COLUMNS') return { record: withoutUnnamedColumns(record, row), row }
    const cells = info.error.record?.length ?? 0
    const header = Array.isArray(info.columns) ? info.columns.length : 0
    return { record, row, problem: { en: `The row has ${columns(cells)}; the header has ${columns(header)}`, zh: `此行有 ${cells} 列,表头有 ${header} 列` } }
  }

  /** csv-parse's failure placed at the line it means: an unclosed quote at the start of its record, others where they were found. */
  failure(cause: unknown): unknown {
    if (!(cause instanceof CsvError)) return cause
    const position = cause as unknown as Pick<Info, 'lines' | 'empty_lines'>
    return new CsvFailure(cause.code, cause.code === 'CSV_QUOTE_NOT_CLOSED' ? this.startOf(position) : position.lines)
  }

  /** At the file's end: nothing but blank lines is an empty file, a header alone has no rows; either refuses it. */
  finish(): void {
    if (!this.header) throw new NothingToImportError('empty')
    if (this.rows === 0) throw new NothingToImportError('header_only')
  }
}

/** The rows of a CSV contacts file's text as it streams, numbered by the line each starts on. */
export async function* csvRows(text: Readable): AsyncGenerator<CsvRow> {
  const lines = new CsvLines()
  const parser = parse(lines.options)
  text.on('error', (error) => parser.destroy(error))
  text.pipe(parser)
  try {
    for await (const entry of parser as AsyncIterable<CsvEntry>) yield lines.row(entry)
  } catch (cause) {
    throw lines.failure(cause)
  }
  lines.finish()
}
