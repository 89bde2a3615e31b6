import type { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { CSV_OPTIONS, contactRowChecker, type ReadContacts, type ReadOptions, unreadableFile } from './read-contacts'

export interface StreamLimits {
  maxRows: number
  maxBytes: number
}

/** Why a stream was cut short: the caller turns these into a 413 naming the limit. */
export class ImportLimitError extends Error {
  constructor(readonly limit: 'rows' | 'bytes') {
    super(`contacts import over its ${limit} limit`)
  }
}

/**
 * Reads a CSV contacts file as it arrives: each row is checked and kept as a contact, so memory
 * holds the contacts, never the file's text or all of its parsed rows. Reading stops at the first
 * row or byte over the limit.
 */
export async function readContactStream(input: Readable, limits: StreamLimits, options: ReadOptions = {}): Promise<ReadContacts> {
  const checker = contactRowChecker('csv', options)
  let bytes = 0
  const parser = parse(CSV_OPTIONS)
  input.on('data', (chunk: Buffer) => {
    bytes += chunk.length
    if (bytes > limits.maxBytes) parser.destroy(new ImportLimitError('bytes'))
  })
  input.on('error', (error) => parser.destroy(error))
  input.pipe(parser)
  try {
    for await (const record of parser) {
      if (checker.rows >= limits.maxRows) throw new ImportLimitError('rows')
      checker.add(record)
    }
  } catch (cause) {
    input.unpipe(parser)
    input.resume()
    if (cause instanceof ImportLimitError) throw cause
    return { contacts: [], errors: [unreadableFile(cause)] }
  }
  return checker.result
}
