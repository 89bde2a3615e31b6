import { unitInterval } from '../hash'
import type { NodeSemantics } from './semantics'

/**
 * Deterministic and sticky: the variant is a hash of journey, node and contact, so the same
 * contact lands in the same group on every process, every time, without storing randomness.
 */
export const abSplit: NodeSemantics<'ab_split'> = {
  mode: 'route',
  route(node, context) {
    const sticky = context.state.variants[node.id]
    if (sticky) return sticky
    const point = unitInterval(`${context.journey.id}|${node.id}|${context.contact.id}`) * 100
    const variants = node.data.variants
    let chosen = variants.at(-1) as (typeof variants)[number]
    let cumulative = 0
    for (const variant of variants) {
      cumulative += variant.weight
      if (point < cumulative) {
        chosen = variant
        break
      }
    }
    // Replaced, not changed in place: the step's copy of the enrollment shares the previous one's.
    context.state.variants = { ...context.state.variants, [node.id]: chosen.id }
    return chosen.id
  },
}
