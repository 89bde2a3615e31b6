import { matchesCondition } from '../conditions'
import type { NodeSemantics } from './semantics'

/** Branches are tried in order; the first whose condition holds wins, otherwise `else`. */
export const segmentSplit: NodeSemantics<'segment_split'> = {
  mode: 'route',
  route: (node, context) => node.data.branches.find((branch) => matchesCondition(branch.condition, context.contact, context.now))?.id ?? 'else',
}
