import { error, fieldWords, type Problem } from '@recall/shared'
import type { TSchema } from 'typebox'

/** Whether a field's schema takes a list, which a repeated query parameter is; none does today. */
const takesList = (schema: TSchema | undefined) => (schema as { type?: unknown } | undefined)?.type === 'array'

/**
 * Query parameters given more than once (?limit=1&limit=2), which arrive as a list, for every field
 * whose schema wants one value: the schema alone would say "Page size must be text", as if the
 * value were wrong. Fields the schema does not know are left to it ("not a known field").
 */
export function repeatedQueryProblems(schema: TSchema, query: unknown, basePath: string): Problem[] {
  if (typeof query !== 'object' || query === null) return []
  const fields = (schema as { properties?: Record<string, TSchema> }).properties ?? {}
  return Object.entries(query)
    .filter(([name, value]) => Array.isArray(value) && Object.hasOwn(fields, name) && !takesList(fields[name]))
    .map(([name, value]) => {
      const path = `${basePath}/${name}`
      const named = fieldWords(path)
      const times = (value as unknown[]).length
      return error('query.repeated', path, {
        en: `${named.en} was given ${times} times (${name}=…&${name}=…); give it once`,
        zh: `${named.zh}出现了 ${times} 次(${name}=…&${name}=…);只能提供一次`,
      })
    })
}
