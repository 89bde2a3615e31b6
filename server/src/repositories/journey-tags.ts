import { cleanTag, normalizedTags } from '@recall/shared'
import { eq } from 'drizzle-orm'
import type { Database } from '../db/database'
import { journeys } from '../db/schema/index'
import { invalidRequest } from '../plugins/errors'
import { journeyNotFound } from './journey-refusals'

/** The tags a journey is filed under on the journeys page. */
export function journeyTagsRepository(db: Database) {
  return {
    /** Replaces the tags whole; a tag of spaces or invisible characters only is refused by name, never stored empty. */
    async replace(id: string, given: readonly string[]): Promise<{ id: string; tags: string[] }> {
      const blank = given.findIndex((tag) => cleanTag(tag) === '')
      if (blank >= 0)
        throw invalidRequest([
          {
            code: 'journey.tag_blank',
            severity: 'error',
            path: `/body/tags/${blank}`,
            message: { en: 'A tag must not be only spaces or invisible characters', zh: '标签不能只有空格或不可见字符' },
          },
        ])
      const tags = normalizedTags(given)
      const [saved] = await db.update(journeys).set({ tags }).where(eq(journeys.id, id)).returning({ id: journeys.id, tags: journeys.tags })
      if (!saved) throw journeyNotFound(id)
      return saved
    },
  }
}
