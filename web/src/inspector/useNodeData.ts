import { type JourneyNode, type NodeData, type NodeKind, updateNodeData } from '@recall/shared'
import { ignoringPosition } from '../editor/moved-only'
import { drawnDocument, useEditor } from '../editor/store'

/** The selected node's data and a setter that records an undoable edit. */
export function useNodeData<Kind extends NodeKind>(nodeId: string): { node: Extract<JourneyNode, { type: Kind }>; update(data: NodeData<Kind>, field?: string): void } {
  const node = useEditor((state) => ignoringPosition(drawnDocument(state)?.nodes.find((candidate) => candidate.id === nodeId))) as Extract<JourneyNode, { type: Kind }>
  return {
    node,
    update(data, field) {
      const { document, edit } = useEditor.getState()
      if (document) edit(updateNodeData(document, nodeId, data), field === undefined ? undefined : `${nodeId}:${field}`)
    },
  }
}
