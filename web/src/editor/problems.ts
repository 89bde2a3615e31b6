import { type DeliveryContext, type JourneyDocument, type Problem, type SendWindow, type ValidationOptions, validateJourney } from '@recall/shared'
import { useDelivery } from '../app/delivery'
import { movedOnly } from './moved-only'
import { useEditor } from './store'

export interface DocumentProblems {
  all: Problem[]
  errorCount: number
  byNode: ReadonlyMap<string, Problem[]>
}

const EMPTY: DocumentProblems = { all: [], errorCount: 0, byNode: new Map() }
// Problems are derived from the document, never stored: one validation per document version and workspace context.
const NO_DELIVERY = {}
const NO_HOURS = {}
/** One options object per (routes, allowed hours) pair, so the caches below can key on it. */
const contexts = new WeakMap<object, WeakMap<object, ValidationOptions>>()
const caches = new WeakMap<ValidationOptions, WeakMap<JourneyDocument, DocumentProblems>>()
/** The last document validated per workspace context: a drag frame that only moved nodes reuses its problems. */
const latest = new WeakMap<ValidationOptions, { document: JourneyDocument; problems: DocumentProblems }>()

function contextOf(delivery: DeliveryContext | undefined, allowedHours: SendWindow | undefined): ValidationOptions {
  let byHours = contexts.get(delivery ?? NO_DELIVERY)
  if (!byHours) {
    byHours = new WeakMap()
    contexts.set(delivery ?? NO_DELIVERY, byHours)
  }
  let context = byHours.get(allowedHours ?? NO_HOURS)
  if (!context) {
    context = { delivery, allowedHours }
    byHours.set(allowedHours ?? NO_HOURS, context)
  }
  return context
}

/** The document's problems against the workspace's routes and allowed sending hours, as publishing checks them. */
export function problemsOf(document: JourneyDocument | undefined, delivery: DeliveryContext | undefined, allowedHours?: SendWindow): DocumentProblems {
  if (!document) return EMPTY
  const key = contextOf(delivery, allowedHours)
  let cache = caches.get(key)
  if (!cache) {
    cache = new WeakMap()
    caches.set(key, cache)
  }
  let found = cache.get(document)
  const previous = latest.get(key)
  if (!found && previous && movedOnly(previous.document, document)) found = previous.problems
  if (!found) {
    const all = validateJourney(document, key).problems
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
  const allowedHours = useDelivery((state) => state.allowedHours)
  return useEditor((state) => problemsOf(state.document, delivery, allowedHours))
}

/** A React key for a problem: one node can have several of one code (two open outputs), told apart by their text. */
export const problemKey = (problem: Problem) => `${problem.code}:${problem.path}:${problem.message.en}`
