import type { JourneyDocument, JourneyEdge } from '../schema/document'

/** Adjacency of a journey by node id; tolerant of edges to missing nodes. */
export function successors(edges: readonly JourneyEdge[]): Map<string, string[]> {
  const next = new Map<string, string[]>()
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target])
  return next
}

/** Nodes reachable from `starts`, never walking through a node for which `blocked` is true. */
export function reachable(starts: Iterable<string>, next: ReadonlyMap<string, readonly string[]>, blocked: (id: string) => boolean = () => false): Set<string> {
  const seen = new Set<string>()
  const queue = [...starts].filter((id) => !blocked(id))
  for (const id of queue) seen.add(id)
  while (queue.length > 0) {
    const id = queue.pop() as string
    for (const target of next.get(id) ?? []) {
      if (seen.has(target) || blocked(target)) continue
      seen.add(target)
      queue.push(target)
    }
  }
  return seen
}

/** Strongly connected components (Tarjan, iterative so a 5,000-node chain cannot overflow the stack). */
export function stronglyConnectedComponents(ids: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const components: string[][] = []
  let counter = 0
  for (const root of ids) {
    if (index.has(root)) continue
    const work: { id: string; child: number }[] = [{ id: root, child: 0 }]
    index.set(root, counter)
    low.set(root, counter++)
    stack.push(root)
    onStack.add(root)
    while (work.length > 0) {
      const frame = work.at(-1) as { id: string; child: number }
      const children = next.get(frame.id) ?? []
      if (frame.child < children.length) {
        const child = children[frame.child++] as string
        if (!index.has(child)) {
          index.set(child, counter)
          low.set(child, counter++)
          stack.push(child)
          onStack.add(child)
          work.push({ id: child, child: 0 })
        } else if (onStack.has(child)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(child) as number))
        }
        continue
      }
      work.pop()
      const parent = work.at(-1)
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number))
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = []
        let member: string
        do {
          member = stack.pop() as string
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.id)
        components.push(component)
      }
    }
  }
  return components
}

export function triggerIds(document: Pick<JourneyDocument, 'nodes'>): string[] {
  return document.nodes.filter((node) => node.type === 'trigger').map((node) => node.id)
}
