import { type NodeKind, nodeKindOf } from '../nodes/index'
import type { JourneyDocument, JourneyNode } from '../schema/document'
import { reachable, stronglyConnectedComponents, successors, triggerIds } from './graph'
import { error, type Problem, warning } from './problem'

/** Rules about how nodes connect; `validData` says which nodes passed their kind's schema. */
export function checkGraph(document: JourneyDocument, validData: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = []
  const byId = new Map<string, JourneyNode>()
  document.nodes.forEach((node, index) => {
    if (byId.has(node.id))
      problems.push(error('node.duplicate_id', `/nodes/${index}/id`, { en: `Node id "${node.id}" is used twice`, zh: `节点标识 "${node.id}" 重复` }, { nodeId: node.id }))
    else byId.set(node.id, node)
  })
  const triggers = triggerIds(document)
  if (triggers.length === 0) {
    problems.push(error('journey.no_trigger', '/nodes', { en: 'The journey has no trigger, so no contact can enter', zh: '旅程没有触发节点,联系人无法进入' }))
  }

  const edgeIds = new Set<string>()
  const usedHandles = new Map<string, string>()
  document.edges.forEach((edge, index) => {
    const path = `/edges/${index}`
    const at = { edgeId: edge.id }
    if (edgeIds.has(edge.id)) problems.push(error('edge.duplicate_id', `${path}/id`, { en: `Edge id "${edge.id}" is used twice`, zh: `连线标识 "${edge.id}" 重复` }, at))
    edgeIds.add(edge.id)
    const source = byId.get(edge.source)
    const target = byId.get(edge.target)
    if (!source)
      problems.push(error('edge.unknown_source', `${path}/source`, { en: `Edge starts at "${edge.source}", which is not a node`, zh: `连线起点 "${edge.source}" 不存在` }, at))
    if (!target)
      problems.push(error('edge.unknown_target', `${path}/target`, { en: `Edge ends at "${edge.target}", which is not a node`, zh: `连线终点 "${edge.target}" 不存在` }, at))
    if (target?.type === 'trigger') {
      problems.push(
        error('trigger.incoming_edge', `${path}/target`, { en: 'A trigger cannot have incoming connections', zh: '触发节点不能有进入的连线' }, { ...at, nodeId: target.id }),
      )
    }
    if (!source || !validData.has(source.id)) return
    const handles = nodeKindOf(source.type).handles(source.data)
    if (!handles.some((handle) => handle.id === edge.sourceHandle)) {
      const known = handles.map((handle) => handle.id).join(', ') || '—'
      problems.push(
        error(
          'edge.unknown_handle',
          `${path}/sourceHandle`,
          { en: `Node "${source.id}" has no output "${edge.sourceHandle}" (outputs: ${known})`, zh: `节点 "${source.id}" 没有输出 "${edge.sourceHandle}"(可用输出:${known})` },
          at,
        ),
      )
    }
    const handleKey = `${edge.source}\u0000${edge.sourceHandle}`
    if (usedHandles.has(handleKey)) {
      problems.push(
        error(
          'edge.handle_reused',
          path,
          { en: `Output "${edge.sourceHandle}" of "${edge.source}" already has a connection`, zh: `节点 "${edge.source}" 的输出 "${edge.sourceHandle}" 已有连线` },
          at,
        ),
      )
    }
    usedHandles.set(handleKey, edge.id)
  })

  const next = successors(document.edges.filter((edge) => byId.has(edge.source) && byId.has(edge.target)))
  const reached = reachable(triggers, next)
  document.nodes.forEach((node, index) => {
    if (node.type !== 'trigger' && !reached.has(node.id)) {
      problems.push(
        warning(
          'node.unreachable',
          `/nodes/${index}`,
          { en: `No trigger leads to "${node.id}", so no contact will ever reach it`, zh: `没有任何触发节点通向 "${node.id}",联系人永远不会到达` },
          { nodeId: node.id },
        ),
      )
    }
    if (!validData.has(node.id)) return
    for (const handle of nodeKindOf(node.type).handles(node.data)) {
      if (!usedHandles.has(`${node.id}\u0000${handle.id}`)) {
        problems.push(
          warning(
            'node.open_output',
            `/nodes/${index}`,
            {
              en: `Output "${handle.label.en}" of "${node.id}" is not connected: contacts leaving there exit`,
              zh: `节点 "${node.id}" 的输出"${handle.label.zh}"未连接:从这里出去的联系人将退出旅程`,
            },
            { nodeId: node.id },
          ),
        )
      }
    }
  })

  problems.push(...checkCycles(document, byId, next, validData))
  return problems
}

/** A loop with no node that pauses would spin a contact forever within one step. */
function checkCycles(document: JourneyDocument, byId: ReadonlyMap<string, JourneyNode>, next: ReadonlyMap<string, readonly string[]>, validData: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = []
  for (const component of stronglyConnectedComponents([...byId.keys()], next)) {
    const first = component[0] as string
    const isCycle = component.length > 1 || (next.get(first) ?? []).includes(first)
    if (!isCycle) continue
    const pauses = component.some((id) => {
      const node = byId.get(id) as JourneyNode
      return validData.has(id) && nodeKindOf(node.type as NodeKind).canPause(node.data)
    })
    if (pauses) continue
    // Point at the loop's member that comes first in the document, so the report is stable.
    const index = Math.min(...component.map((id) => document.nodes.findIndex((node) => node.id === id)))
    const members = [...component].reverse().join(' → ')
    problems.push(
      error(
        'journey.cycle_without_wait',
        `/nodes/${index}`,
        { en: `The loop ${members} has no wait, so a contact would go round it forever`, zh: `循环 ${members} 中没有等待节点,联系人会无限循环` },
        { nodeId: document.nodes[index]?.id },
      ),
    )
  }
  return problems
}
