/**
 * Orders strings by their UTF-16 code units, as `sort()` does without a comparator: stable across
 * machines and locales, and many times cheaper than `localeCompare`, which a worker batch of ten
 * thousand ids felt (about a twentieth of an ingestion request's time).
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
