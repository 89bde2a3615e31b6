import { type DeliveryContext, type JourneyDocument, type Problem, type SendWindow, type ValidationOptions, validateJourney } from '@recall/shared'
import { useDelivery } from '../app/delivery'
import { NO_WARNINGS, useAudienceWarnings } from './audience-warnings'
import { movedOnly } from './moved-only'
import { type EditorState, useEditor } from './store'

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

/** The document's own problems against the workspace's routes and allowed sending hours, as publishing checks them. */
function documentProblemsOf(document: JourneyDocument, delivery: DeliveryContext | undefined, allowedHours: SendWindow | undefined): DocumentProblems {
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

/** Per document's problems (shared by documents with the same nodes, see movedOnly), per server answer: the two together. */
const merged = new WeakMap<DocumentProblems, WeakMap<readonly Problem[], DocumentProblems>>()

/** The document's problems and the server's zone warnings on nodes it still has: a node deleted since takes its warnings with it. */
function withAudience(own: DocumentProblems, document: JourneyDocument, audience: readonly Problem[]): DocumentProblems {
  if (audience.length === 0) return own
  let byAnswer = merged.get(own)
  if (!byAnswer) {
    byAnswer = new WeakMap()
    merged.set(own, byAnswer)
  }
  let found = byAnswer.get(audience)
  if (!found) {
    const nodes = new Set(document.nodes.map((node) => node.id))
    const kept = audience.filter((problem) => problem.nodeId !== undefined && nodes.has(problem.nodeId))
    const byNode = new Map(own.byNode)
    for (const problem of kept) if (problem.nodeId) byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem])
    found = { all: [...own.all, ...kept], errorCount: own.errorCount, byNode }
    byAnswer.set(audience, found)
  }
  return found
}

/**
 * The document's problems, as publishing checks them: its own, found here as it changes, and the
 * server's warnings of where its sends would be held in the zones of the workspace's contacts.
 */
export function problemsOf(
  document: JourneyDocument | undefined,
  delivery: DeliveryContext | undefined,
  allowedHours?: SendWindow,
  audience: readonly Problem[] = NO_WARNINGS,
): DocumentProblems {
  if (!document) return EMPTY
  return withAudience(documentProblemsOf(document, delivery, allowedHours), document, audience)
}

/** The server's zone warnings where they apply: on the draft of their journey, not on a published version opened read-only. */
export function useShownAudience(): (state: Pick<EditorState, 'journeyId' | 'readOnlyVersion'>) => readonly Problem[] {
  const journeyId = useAudienceWarnings((warnings) => warnings.journeyId)
  const problems = useAudienceWarnings((warnings) => warnings.problems)
  return (state) => (state.readOnlyVersion === undefined && state.journeyId === journeyId ? problems : NO_WARNINGS)
}

/** The open document's problems (see problemsOf). */
export function useProblems(): DocumentProblems {
  const delivery = useDelivery((state) => state.delivery)
  const allowedHours = useDelivery((state) => state.allowedHours)
  const audience = useShownAudience()
  return useEditor((state) => problemsOf(state.document, delivery, allowedHours, audience(state)))
}

/** A React key for a problem: one node can have several of one code (two open outputs), told apart by their text. */
export const problemKey = (problem: Problem) => `${problem.code}:${problem.path}:${problem.message.en}`
