import type { LocalizedText } from '../i18n'

/**
 * The page sizes list routes take, by the largest they allow: query strings are text (the validator
 * does not coerce), so each is a pattern for a whole number from 1 to its largest.
 */
const PAGE_SIZE_PATTERNS = {
  200: '^([1-9][0-9]?|1[0-9]{2}|200)$',
  500: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$',
} as const

export type PageSizeLimit = keyof typeof PAGE_SIZE_PATTERNS

/** The pattern of a list route's `limit`: a whole number from 1 to `largest`. */
export function pageSizePattern(largest: PageSizeLimit): string {
  return PAGE_SIZE_PATTERNS[largest]
}

/** "must be a whole number from 1 to 200" for a page-size pattern that failed; undefined for any other pattern. */
export function pageSizeRule(pattern: unknown): LocalizedText | undefined {
  const found = Object.entries(PAGE_SIZE_PATTERNS).find(([, known]) => known === pattern)
  return found && { en: `must be a whole number from 1 to ${found[0]}`, zh: `必须是 1 到 ${found[0]} 之间的整数` }
}
