import { bilingualLabel, type JourneyDocument, type JourneyNodeOf, sampleSizePerGroup, twoProportionTest } from '@recall/shared'
import { and, eq, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { enrollments, journeys, journeyVersions } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import { type JourneysRepository, journeysRepository } from './journeys'

type AbNode = JourneyNodeOf<'ab_split'>
type JourneyNode = JourneyDocument['nodes'][number]

/** The lift worth detecting when telling a marketer how many contacts a test needs. */
const DETECTABLE_LIFT = 0.02

async function liveDocument(db: Database, journeyId: string): Promise<JourneyDocument> {
  const [row] = await db
    .select({ document: journeyVersions.document })
    .from(journeys)
    .innerJoin(journeyVersions, and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)))
    .where(eq(journeys.id, journeyId))
  if (!row) throw new ApiError(409, 'journey_not_published', { en: 'Publish the journey first', zh: '请先发布旅程' })
  return row.document
}

/** How often the draft is read again when a colleague saves it while a roll-out changes it. */
const FOLLOW_TRIES = 3

/**
 * The draft follows a roll-out as a save by its author (so a colleague's editor names who saved it),
 * on the revision read: a colleague's save in between is read again and followed, never overwritten.
 * Saved over every time, their draft stays as they saved it; the version rolled out is live all the same.
 */
async function followInDraft(repository: JourneysRepository, journeyId: string, change: (node: JourneyNode) => JourneyNode, by: string | undefined): Promise<void> {
  for (let tries = 0; tries < FOLLOW_TRIES; tries += 1) {
    const { journey } = await repository.get(journeyId)
    try {
      await repository.updateDraft(journeyId, { ...journey.draft, nodes: journey.draft.nodes.map(change) }, { ifRevision: journey.draftRevision, ...(by ? { by } : {}) })
      return
    } catch (cause) {
      if (!(cause instanceof ApiError && cause.code === 'draft_changed')) throw cause
    }
  }
}

/** A/B results from the contacts who went through each split, and rolling out a winner. */
export function abTestsRepository(db: Database) {
  return {
    async results(journeyId: string) {
      const document = await liveDocument(db, journeyId)
      const splits = document.nodes.filter((node): node is AbNode => node.type === 'ab_split')
      return Promise.all(
        splits.map(async (split) => {
          // The engine keeps each contact's variant in its state, so it is counted where it was drawn.
          const rows = await db
            .select({
              variant: sql<string>`${enrollments.state} -> 'variants' ->> ${split.id}`,
              contacts: sql<number>`count(*)::int`,
              converted: sql<number>`count(*) filter (where ${enrollments.converted})::int`,
            })
            .from(enrollments)
            .where(and(eq(enrollments.journeyId, journeyId), sql`${enrollments.state} -> 'variants' ->> ${split.id} is not null`))
            .groupBy(sql`1`)
          const counts = new Map(rows.map((row) => [row.variant, row]))
          const variants = split.data.variants.map((variant) => ({
            ...variant,
            contacts: counts.get(variant.id)?.contacts ?? 0,
            converted: counts.get(variant.id)?.converted ?? 0,
          }))
          // Each variant is compared with the control group, or with the first variant when there is none.
          const control = variants.find((variant) => variant.holdout) ?? variants[0]
          const baseline = control && control.contacts > 0 ? control.converted / control.contacts : 0
          return {
            nodeId: split.id,
            control: control?.id,
            neededPerVariant: baseline > 0 && baseline < 1 ? sampleSizePerGroup(baseline, DETECTABLE_LIFT) : null,
            variants: variants.map((variant) => ({
              ...variant,
              rate: variant.contacts > 0 ? variant.converted / variant.contacts : null,
              test:
                control && variant.id !== control.id
                  ? (twoProportionTest({ trials: control.contacts, successes: control.converted }, { trials: variant.contacts, successes: variant.converted }) ?? null)
                  : null,
            })),
          }
        }),
      )
    },

    /** A new version from the live one with the winner at 100%; the draft's split follows too. */
    async rollOut(journeyId: string, nodeId: string, variantId: string, by?: string) {
      const live = await liveDocument(db, journeyId)
      const split = live.nodes.find((node): node is AbNode => node.id === nodeId && node.type === 'ab_split')
      const winner = split?.data.variants.find((variant) => variant.id === variantId)
      if (!split || !winner) throw new ApiError(404, 'variant_not_found', { en: `No variant "${variantId}" at "${nodeId}"`, zh: `节点 "${nodeId}" 没有分组 "${variantId}"` })
      const allIn = (node: JourneyNode): JourneyNode =>
        node.id === nodeId && node.type === 'ab_split'
          ? { ...node, data: { variants: node.data.variants.map((variant) => ({ ...variant, weight: variant.id === variantId ? 100 : 0 })) } }
          : node
      const repository = journeysRepository(db)
      const published = await repository.publish(
        journeyId,
        `Roll out ${bilingualLabel(winner.label).en} · 全量推广 ${bilingualLabel(winner.label).zh}`,
        true,
        { ...live, nodes: live.nodes.map(allIn) },
        { by },
      )
      await followInDraft(repository, journeyId, allIn, by)
      return published
    },
  }
}
