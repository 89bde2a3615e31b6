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

/**
 * Characters that show nothing: zero-width space, non-joiner and joiner, the byte-order mark and the
 * word joiner. Pasted from a chat or a web page, they make a tag look like another yet count apart,
 * so they are stripped rather than refused: the marketer sees one tag and gets one. (A joiner also
 * glues some emoji into one picture; a tag such emoji loses it, a smaller harm than twin tags.)
 */
const INVISIBLE = /\u200B|\u200C|\u200D|\uFEFF|\u2060/g

/** One tag as kept, whatever route it came in by: invisible characters stripped, trimmed, inner spaces collapsed. */
export function cleanTag(tag: string): string {
  return tag.replace(INVISIBLE, '').trim().replace(/\s+/g, ' ')
}

/** Tags as kept: each cleaned (cleanTag), blanks dropped, the first spelling of each kept when one repeats in another case. */
export function normalizedTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  const kept: string[] = []
  for (const tag of tags) {
    const clean = cleanTag(tag)
    const key = clean.toLocaleLowerCase()
    if (clean === '' || seen.has(key)) continue
    seen.add(key)
    kept.push(clean)
  }
  return kept
}
