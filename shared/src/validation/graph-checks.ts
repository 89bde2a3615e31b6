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

  problems.push(...checkCycles(document, byId, validData))
  return problems
}

/**
 * A loop lets a contact go round it many times in one instant (a message each time) unless every
 * path round it leaves some node by an output that always follows a positive wait. Edges out of
 * such outputs are cut; any loop left in the graph is one a contact could spin round at once.
 */
function checkCycles(document: JourneyDocument, byId: ReadonlyMap<string, JourneyNode>, validData: ReadonlySet<string>): Problem[] {
  const instant = document.edges.filter((edge) => {
    const source = byId.get(edge.source)
    if (!source || !byId.has(edge.target)) return false
    return !(validData.has(source.id) && nodeKindOf(source.type as NodeKind).alwaysWaitsBefore?.(source.data, edge.sourceHandle))
  })
  const next = successors(instant)
  const problems: Problem[] = []
  for (const component of stronglyConnectedComponents([...byId.keys()], next)) {
    const members = new Set(component)
    // Start from the loop's member that comes first in the document, so the report is stable.
    const index = Math.min(...component.map((id) => document.nodes.findIndex((node) => node.id === id)))
    const first = document.nodes[index]?.id as string
    const loop = shortestLoop(first, next, members)
    if (!loop) continue
    const path = [...loop, first].join(' → ')
    problems.push(
      error(
        'journey.loop_without_wait',
        `/nodes/${index}`,
        {
          en: `The loop ${path} has no wait that always takes time, so a contact could go round it at once and get a message each time: add a wait for a fixed time, or give the wait until a time or date an "at least"`,
          zh: `循环 ${path} 中没有必定耗时的等待,联系人可能瞬间反复绕行并每次都收到消息:请加入固定时长的等待,或为"等到某时间/日期"设置"至少等待"`,
        },
        { nodeId: first },
      ),
    )
  }
  return problems
}

/** The shortest path from `start` back to itself inside `within` (breadth first), without the return to `start`. */
function shortestLoop(start: string, next: ReadonlyMap<string, readonly string[]>, within: ReadonlySet<string>): string[] | undefined {
  const cameFrom = new Map<string, string>()
  const queue = [start]
  for (const id of queue) {
    for (const target of next.get(id) ?? []) {
      if (target === start) {
        const path = [id]
        while (path[0] !== start) path.unshift(cameFrom.get(path[0] as string) as string)
        return path
      }
      if (!within.has(target) || cameFrom.has(target)) continue
      cameFrom.set(target, id)
      queue.push(target)
    }
  }
  return undefined
}
