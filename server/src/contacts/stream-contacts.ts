import type { Readable } from 'node:stream'
import { csvRows } from './csv-lines'
import { decodeStream, type FileEncoding } from './file-encoding'
import { NothingToImportError } from './nothing-to-import'
import { contactRowChecker, type ReadContacts, type ReadOptions, unreadableFile } from './read-contacts'

export interface StreamLimits {
  maxRows: number
  maxBytes: number
}

/** Why a stream was cut short: the caller turns these into a 413 naming the limit (a file with nothing to import is thrown too, for a 400). */
export class ImportLimitError extends Error {
  constructor(readonly limit: 'rows' | 'bytes') {
    super(`contacts import over its ${limit} limit`)
  }
}

/**
 * Reads a CSV contacts file as it arrives, in whatever encoding it was saved (UTF-8, UTF-16,
 * GBK/GB18030…): each row is checked and kept as a contact, so memory holds the contacts, never
 * the file's text or all of its parsed rows. Reading stops at the first row or byte over the limit.
 */
export async function readContactStream(input: Readable, limits: StreamLimits, options: ReadOptions = {}): Promise<ReadContacts & { encoding?: FileEncoding }> {
  let bytes = 0
  let encoding: FileEncoding | undefined
  try {
    const decoded = await decodeStream(input, (size) => {
      bytes += size
      if (bytes > limits.maxBytes) throw new ImportLimitError('bytes')
    })
    encoding = decoded.encoding
    const checker = contactRowChecker('csv', { ...options, encoding })
    for await (const row of csvRows(decoded.text)) {
      if (checker.rows >= limits.maxRows) throw new ImportLimitError('rows')
      checker.add(row.record, row)
    }
    return { ...checker.result, encoding }
  } catch (cause) {
    input.resume()
    if (cause instanceof ImportLimitError || cause instanceof NothingToImportError) throw cause
    return { contacts: [], errors: [unreadableFile(cause)], ...(encoding ? { encoding } : {}) }
  }
}
