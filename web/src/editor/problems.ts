import { type DeliveryContext, type JourneyDocument, type Problem, validateJourney } from '@recall/shared'
import { useDelivery } from '../app/delivery'
import { movedOnly } from './moved-only'
import { useEditor } from './store'

export interface DocumentProblems {
  all: Problem[]
  errorCount: number
  byNode: ReadonlyMap<string, Problem[]>
}

const EMPTY: DocumentProblems = { all: [], errorCount: 0, byNode: new Map() }
// Problems are derived from the document, never stored: one validation per document version and delivery context.
const NO_DELIVERY = {}
const caches = new WeakMap<DeliveryContext, WeakMap<JourneyDocument, DocumentProblems>>()
/** The last document validated per delivery context: a drag frame that only moved nodes reuses its problems. */
const latest = new WeakMap<DeliveryContext, { document: JourneyDocument; problems: DocumentProblems }>()

export function problemsOf(document: JourneyDocument | undefined, delivery: DeliveryContext | undefined): DocumentProblems {
  if (!document) return EMPTY
  const key = delivery ?? NO_DELIVERY
  let cache = caches.get(key)
  if (!cache) {
    cache = new WeakMap()
    caches.set(key, cache)
  }
  let found = cache.get(document)
  const previous = latest.get(key)
  if (!found && previous && movedOnly(previous.document, document)) found = previous.problems
  if (!found) {
    const all = validateJourney(document, { delivery }).problems
    const byNode = new Map<string, Problem[]>()
    for (const problem of all) if (problem.nodeId) byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem])
    found = { all, errorCount: all.filter((problem) => problem.severity === 'error').length, byNode }
  }
  cache.set(document, found)
  latest.set(key, { document, problems: found })
  return found
}

export function useProblems(): DocumentProblems {
  const delivery = useDelivery((state) => state.delivery)
  return useEditor((state) => problemsOf(state.document, delivery))
}

/** A React key for a problem: one node can have several of one code (two open outputs), told apart by their text. */
export const problemKey = (problem: Problem) => `${problem.code}:${problem.path}:${problem.message.en}`
