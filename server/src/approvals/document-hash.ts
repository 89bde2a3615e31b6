import { createHash } from 'node:crypto'
import type { JourneyDocument } from '@recall/shared'

/** JSON with every object's keys sorted, so the same document hashes the same however it was stored (jsonb reorders keys). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

/** What an approval is tied to: the SHA-256 of the document submitted (first 16 hex digits shown in the history). */
export function documentHash(document: JourneyDocument): string {
  return createHash('sha256').update(canonical(document)).digest('hex')
}
