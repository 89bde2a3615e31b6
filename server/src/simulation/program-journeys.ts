import type { WorkspaceJourney } from '@recall/engine'
import { error } from '@recall/shared'
import { and, eq, inArray } from 'drizzle-orm'
import type { Database } from '../db/database'
import { journeys, journeyVersions } from '../db/schema/index'
import { invalidRequest } from '../plugins/errors'

/** A journey in a program simulation, as the page lists it: its live version, or its draft. */
export interface ProgramJourney {
  id: string
  name: string
  /** The live version simulated; null when the draft is. */
  version: number | null
}

/**
 * The program as it would be: every live journey at its live version, with the chosen drafts in
 * place of their live version (as if published) or added (never published). Paused and archived
 * journeys send nothing and are left out.
 */
export async function programJourneys(db: Database, draftIds: readonly string[]): Promise<{ journeys: WorkspaceJourney[]; listed: ProgramJourney[] }> {
  const live = await db
    .select({ id: journeys.id, name: journeys.name, document: journeyVersions.document, version: journeyVersions.version })
    .from(journeys)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)))
    .where(eq(journeys.status, 'live'))
    .orderBy(journeys.id)
  const drafts =
    draftIds.length > 0
      ? await db
          .select({ id: journeys.id, name: journeys.name, draft: journeys.draft })
          .from(journeys)
          .where(inArray(journeys.id, [...draftIds]))
      : []
  const draftOf = new Map(drafts.map((row) => [row.id, row]))
  const missing = draftIds.flatMap((id, index) =>
    draftOf.has(id) ? [] : [error('program.unknown_journey', `/body/drafts/${index}`, { en: `No journey "${id}" to take the draft of`, zh: `旅程 "${id}" 不存在,无法加入其草稿` })],
  )
  if (missing.length > 0) throw invalidRequest(missing)
  const chosen = new Set(draftIds)
  const listed: ProgramJourney[] = []
  const program: WorkspaceJourney[] = []
  for (const row of live.filter((row) => !chosen.has(row.id))) {
    program.push({ id: row.id, name: row.name, document: row.document })
    listed.push({ id: row.id, name: row.name, version: row.version })
  }
  for (const id of chosen) {
    const row = draftOf.get(id)
    if (!row) continue
    program.push({ id, name: row.name, document: row.draft })
    listed.push({ id, name: row.name, version: null })
  }
  if (program.length === 0)
    throw invalidRequest([
      error('program.nothing_to_simulate', '/body/drafts', {
        en: 'No journey is live and no draft was chosen: there is nothing to simulate',
        zh: '没有上线中的旅程,也没有选择草稿:没有可模拟的内容',
      }),
    ])
  return { journeys: program, listed }
}
