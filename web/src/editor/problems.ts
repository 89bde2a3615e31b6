import { type JourneyDocument, type Problem, validateJourney } from '@recall/shared'
import { useEditor } from './store'

export interface DocumentProblems {
  all: Problem[]
  errorCount: number
  byNode: ReadonlyMap<string, Problem[]>
}

const EMPTY: DocumentProblems = { all: [], errorCount: 0, byNode: new Map() }
// Problems are derived from the document, never stored: one validation per document version.
const cache = new WeakMap<JourneyDocument, DocumentProblems>()

export function problemsOf(document: JourneyDocument | undefined): DocumentProblems {
  if (!document) return EMPTY
  let found = cache.get(document)
  if (!found) {
    const all = validateJourney(document).problems
    const byNode = new Map<string, Problem[]>()
    for (const problem of all) if (problem.nodeId) byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem])
    found = { all, errorCount: all.filter((problem) => problem.severity === 'error').length, byNode }
    cache.set(document, found)
  }
  return found
}

const selectProblems = (state: { document: JourneyDocument | undefined }) => problemsOf(state.document)

export function useProblems(): DocumentProblems {
  return useEditor(selectProblems)
}
