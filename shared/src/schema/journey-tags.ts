import Type, { type Static } from 'typebox'

/** Enough to sort journeys by season, brand or team; more would be a second name. */
export const MAX_JOURNEY_TAGS = 10
export const MAX_TAG_LENGTH = 30

/** The tags a journey is filed under, replaced whole: the journeys page filters by them. */
export const JourneyTagsBody = Type.Object(
  { tags: Type.Array(Type.String({ minLength: 1, maxLength: MAX_TAG_LENGTH }), { maxItems: MAX_JOURNEY_TAGS }) },
  { additionalProperties: false },
)
export type JourneyTagsBody = Static<typeof JourneyTagsBody>

/** Tags as kept: trimmed, inner spaces collapsed, the first spelling of each kept when one repeats in another case. */
export function normalizedTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  const kept: string[] = []
  for (const tag of tags) {
    const clean = tag.trim().replace(/\s+/g, ' ')
    const key = clean.toLocaleLowerCase()
    if (clean === '' || seen.has(key)) continue
    seen.add(key)
    kept.push(clean)
  }
  return kept
}
