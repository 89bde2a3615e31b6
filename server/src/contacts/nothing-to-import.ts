import type { LocalizedText } from '@recall/shared'
import { type ApiError, refusalError } from '../plugins/errors'
import type { ContactRowError } from './read-contacts'

/**
 * Why a contacts upload has nothing to import: no text at all (or only blank lines), a CSV header
 * with no row under it, a JSON list with no item. Answered "imported: 0", each looked like a
 * success while the wrong file (or a filter's empty export) had been sent; so each is refused.
 */
export type NothingToImport = 'empty' | 'header_only' | 'empty_list'

const TEXTS: Record<NothingToImport, LocalizedText> = {
  empty: { en: 'The file is empty', zh: '文件为空' },
  header_only: {
    en: 'The file has a header row but no rows below it: add at least one contact',
    zh: '文件只有表头,表头下没有任何行:请至少添加一个联系人',
  },
  empty_list: { en: 'The list has no contacts: send at least one', zh: '列表中没有联系人:请至少发送一个' },
}

const codeOf = (kind: NothingToImport) => (kind === 'empty' ? 'import.empty' : 'import.no_rows')

/** Thrown by a file's reader when it ends with nothing read. */
export class NothingToImportError extends Error {
  constructor(readonly kind: NothingToImport) {
    super(`contacts file with nothing to import: ${kind}`)
  }
}

/** The refusal as a request's answer: 400 with its own code, pointing at the body. */
export const nothingToImport = (kind: NothingToImport): ApiError => refusalError({ status: 400, code: codeOf(kind), path: '/body', text: TEXTS[kind] })

/** The refusal as an import job lists it: the file as a whole (row 0), with its code. */
export const nothingToImportRow = (kind: NothingToImport): ContactRowError => ({ row: 0, field: '', code: codeOf(kind), message: TEXTS[kind] })
