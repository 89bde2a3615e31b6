import { matchesCondition } from '../conditions'
import type { NodeSemantics } from './semantics'

/** Branches are tried in order; the first whose condition holds wins, otherwise `else`. */
export const segmentSplit: NodeSemantics<'segment_split'> = {
  mode: 'route',
  route: (node, context) => {
    // A loop, not find() with a closure over the context: routes are judged at most steps.
    for (const branch of node.data.branches) if (matchesCondition(branch.condition, context.contact, context.now)) return branch.id
    return 'else'
  },
}
