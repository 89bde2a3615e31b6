import type { LocalizedText } from '../i18n'
import { type NodeKind, nodeKindOf } from '../nodes/index'
import type { JourneyDocument, JourneyEdge, JourneyNode } from '../schema/document'
import { reachable, successors, triggerIds } from '../validation/graph'

/**
 * Pure edits of a journey document, shared by the web editor, the server and scripts. Each takes
 * a document and returns a new one (never mutating), so undo is keeping the old one.
 */

/** A fresh id such as "wait-3" that no node of the document uses. */
export function uniqueNodeId(document: Pick<JourneyDocument, 'nodes'>, kind: string): string {
  const taken = new Set(document.nodes.map((node) => node.id))
  let counter = 1
  while (taken.has(`${kind}-${counter}`)) counter += 1
  return `${kind}-${counter}`
}

function edgeId(edge: Omit<JourneyEdge, 'id'>): string {
  return `e-${edge.source}-${edge.sourceHandle}-${edge.target}`
}

export function addNode(document: JourneyDocument, kind: NodeKind, position: { x: number; y: number }): { document: JourneyDocument; nodeId: string } {
  const nodeId = uniqueNodeId(document, kind)
  const node = { id: nodeId, type: kind, position, data: nodeKindOf(kind).defaults() } as JourneyNode
  return { document: { ...document, nodes: [...document.nodes, node] }, nodeId }
}

export type Connection = Omit<JourneyEdge, 'id'>

/** Why a connection cannot be made, or undefined when it can. */
export function connectionRefusal(document: JourneyDocument, connection: Connection): LocalizedText | undefined {
  const source = document.nodes.find((node) => node.id === connection.source)
  const target = document.nodes.find((node) => node.id === connection.target)
  if (!source || !target) return { en: 'Both ends must be nodes of this journey', zh: '连线两端都必须是本旅程中的节点' }
  if (source.id === target.id) return { en: 'A node cannot connect to itself', zh: '节点不能连接到自身' }
  if (nodeKindOf(target.type).isEntry) return { en: 'A trigger cannot have incoming connections', zh: '触发节点不能有进入的连线' }
  const handles = nodeKindOf(source.type).handles(source.data)
  if (!handles.some((handle) => handle.id === connection.sourceHandle))
    return { en: `"${source.id}" has no output "${connection.sourceHandle}"`, zh: `"${source.id}" 没有名为 "${connection.sourceHandle}" 的出口` }
  return undefined
}

/** What connecting over an existing edge took away: the edge, and the nodes no trigger reaches any more. */
export interface ReplacedConnection {
  edge: JourneyEdge
  unreachable: string[]
}

const reachedFromTriggers = (document: JourneyDocument) => reachable(triggerIds(document), successors(document.edges))

/**
 * Connects an output to a node. An output has one edge, so an existing one is replaced, and the
 * answer says so (with the nodes that lost their way in) for the editor to show and undo to restore.
 */
export function connect(document: JourneyDocument, connection: Connection): { document: JourneyDocument; replaced?: ReplacedConnection } | { refused: LocalizedText } {
  const refused = connectionRefusal(document, connection)
  if (refused) return { refused }
  const old = document.edges.find((edge) => edge.source === connection.source && edge.sourceHandle === connection.sourceHandle)
  const kept = document.edges.filter((edge) => edge !== old)
  const next = { ...document, edges: [...kept, { id: edgeId(connection), ...connection }] }
  if (!old || old.target === connection.target) return { document: next }
  const before = reachedFromTriggers(document)
  const after = reachedFromTriggers(next)
  return { document: next, replaced: { edge: old, unreachable: [...before].filter((id) => !after.has(id)) } }
}

/**
 * Puts a new node on an edge: source → new → target, through the new node's first output. A
 * kind without outputs (exit) cannot sit between two nodes.
 */
export function insertOnEdge(
  document: JourneyDocument,
  edgeToSplit: string,
  kind: NodeKind,
  position: { x: number; y: number },
): { document: JourneyDocument; nodeId: string } | { refused: LocalizedText } {
  const edge = document.edges.find((candidate) => candidate.id === edgeToSplit)
  if (!edge) return { refused: { en: `No connection "${edgeToSplit}"`, zh: `连线 "${edgeToSplit}" 不存在` } }
  const added = addNode(document, kind, position)
  const node = added.document.nodes.find((candidate) => candidate.id === added.nodeId) as JourneyNode
  const [firstOutput] = nodeKindOf(kind).handles(node.data)
  if (!firstOutput || nodeKindOf(kind).isEntry)
    return { refused: { en: `A ${nodeKindOf(kind).label.en} node cannot sit between two nodes`, zh: `${nodeKindOf(kind).label.zh}节点不能插入两个节点之间` } }
  const incoming = { source: edge.source, sourceHandle: edge.sourceHandle, target: added.nodeId }
  const outgoing = { source: added.nodeId, sourceHandle: firstOutput.id, target: edge.target }
  const edges = added.document.edges.filter((candidate) => candidate.id !== edge.id)
  return {
    document: { ...added.document, edges: [...edges, { id: edgeId(incoming), ...incoming }, { id: edgeId(outgoing), ...outgoing }] },
    nodeId: added.nodeId,
  }
}

/** Removes nodes and every edge touching them, plus edges removed on their own. */
export function removeElements(document: JourneyDocument, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): JourneyDocument {
  const nodes = new Set(nodeIds)
  const edges = new Set(edgeIds)
  return {
    ...document,
    nodes: document.nodes.filter((node) => !nodes.has(node.id)),
    edges: document.edges.filter((edge) => !edges.has(edge.id) && !nodes.has(edge.source) && !nodes.has(edge.target)),
  }
}

export function updateNodeData(document: JourneyDocument, nodeId: string, data: unknown): JourneyDocument {
  const nodes = document.nodes.map((node) => (node.id === nodeId ? ({ ...node, data } as JourneyNode) : node))
  // Outputs may have gone (a removed A/B variant): their edges go with them.
  const changed = nodes.find((node) => node.id === nodeId)
  const outputs = new Set(
    changed
      ? nodeKindOf(changed.type)
          .handles(changed.data)
          .map((handle) => handle.id)
      : [],
  )
  return { ...document, nodes, edges: document.edges.filter((edge) => edge.source !== nodeId || outputs.has(edge.sourceHandle)) }
}

export function moveNodes(document: JourneyDocument, positions: ReadonlyMap<string, { x: number; y: number }>): JourneyDocument {
  return { ...document, nodes: document.nodes.map((node) => (positions.has(node.id) ? { ...node, position: positions.get(node.id) as { x: number; y: number } } : node)) }
}

/**
 * Copies of some nodes and the edges among them, with fresh ids, shifted by `offset`: paste and
 * duplicate. Edges to nodes outside the selection are left behind.
 */
export function pasteNodes(
  document: JourneyDocument,
  clipboard: { nodes: readonly JourneyNode[]; edges: readonly JourneyEdge[] },
  offset: { x: number; y: number },
): { document: JourneyDocument; nodeIds: string[] } {
  const renamed = new Map<string, string>()
  let nodes = document.nodes
  for (const node of clipboard.nodes) {
    const id = uniqueNodeId({ nodes }, node.type)
    renamed.set(node.id, id)
    nodes = [...nodes, { ...(JSON.parse(JSON.stringify(node)) as JourneyNode), id, position: { x: node.position.x + offset.x, y: node.position.y + offset.y } }]
  }
  const edges = clipboard.edges
    .filter((edge) => renamed.has(edge.source) && renamed.has(edge.target))
    .map((edge) => {
      const connection = { source: renamed.get(edge.source) as string, sourceHandle: edge.sourceHandle, target: renamed.get(edge.target) as string }
      return { id: edgeId(connection), ...connection }
    })
  return { document: { ...document, nodes, edges: [...document.edges, ...edges] }, nodeIds: [...renamed.values()] }
}
