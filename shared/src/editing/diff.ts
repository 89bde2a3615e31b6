import Value from 'typebox/value'
import type { JourneyDocument } from '../schema/document'

export interface JourneyDiff {
  added: string[]
  removed: string[]
  /** Same id, different kind, data or outgoing connections; moving a node is not a change. */
  changed: string[]
  settingsChanged: boolean
}

const outgoing = (document: JourneyDocument, nodeId: string) =>
  document.edges
    .filter((edge) => edge.source === nodeId)
    .map((edge) => `${edge.sourceHandle}->${edge.target}`)
    .sort()

/** What publishing `draft` would change compared with `live`, node by node. */
export function diffJourneys(live: JourneyDocument, draft: JourneyDocument): JourneyDiff {
  const before = new Map(live.nodes.map((node) => [node.id, node]))
  const after = new Map(draft.nodes.map((node) => [node.id, node]))
  const changed = draft.nodes
    .filter((node) => {
      const old = before.get(node.id)
      if (!old) return false
      return (
        // Key order is not a change: documents stored as jsonb come back with their keys reordered.
        old.type !== node.type || !Value.Equal(old.data, node.data) || !Value.Equal(outgoing(live, node.id), outgoing(draft, node.id))
      )
    })
    .map((node) => node.id)
  return {
    added: draft.nodes.filter((node) => !before.has(node.id)).map((node) => node.id),
    removed: live.nodes.filter((node) => !after.has(node.id)).map((node) => node.id),
    changed,
    settingsChanged: !Value.Equal(live.settings, draft.settings),
  }
}
