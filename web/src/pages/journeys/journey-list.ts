import type { JourneyListItem, JourneyStatus } from '@recall/shared'

export type JourneySort = 'updated' | 'status' | 'name'

/** Live first, then paused, drafts, archived: what needs a look comes first. */
const STATUS_ORDER: Record<JourneyStatus, number> = { live: 0, paused: 1, draft: 2, archived: 3 }

/** The rows to show: matching the search (name or id, any case) and the tag when one is chosen, archived only when asked, in the chosen order. */
export function visibleJourneys(
  journeys: readonly JourneyListItem[],
  options: { search: string; sort: JourneySort; showArchived: boolean; tag?: string | undefined },
): JourneyListItem[] {
  const needle = options.search.trim().toLowerCase()
  const byUpdated = (a: JourneyListItem, b: JourneyListItem) => b.updatedAt.localeCompare(a.updatedAt)
  const order: Record<JourneySort, (a: JourneyListItem, b: JourneyListItem) => number> = {
    updated: byUpdated,
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byUpdated(a, b),
    name: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
  }
  return journeys
    .filter((journey) => options.showArchived || journey.status !== 'archived')
    .filter((journey) => needle === '' || journey.name.toLowerCase().includes(needle) || journey.id.toLowerCase().includes(needle))
    .filter((journey) => !options.tag || journey.tags.includes(options.tag))
    .sort(order[options.sort])
}

/** A journey id not yet taken: the base, then -2, -3… */
export function freshId(base: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((journey) => journey.id))
  let id = base
  for (let counter = 2; ids.has(id); counter += 1) id = `${base}-${counter}`
  return id
}
