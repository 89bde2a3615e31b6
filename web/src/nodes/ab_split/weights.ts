/**
 * Sets one variant's weight and takes the difference from the others, last first, so the weights
 * always add up to 100 as the marketer types.
 */
export function rebalanceWeights(weights: readonly number[], index: number, requested: number): number[] {
  const next = [...weights]
  next[index] = Math.min(100, Math.max(0, Math.round(requested)))
  let excess = next.reduce((sum, weight) => sum + weight, 0) - 100
  for (let other = next.length - 1; other >= 0 && excess !== 0; other -= 1) {
    if (other === index) continue
    const current = next[other] as number
    const adjusted = Math.min(100, Math.max(0, current - excess))
    excess -= current - adjusted
    next[other] = adjusted
  }
  return next
}

/** Even weights that add up to exactly 100: 34/33/33. */
export function evenWeights(count: number): number[] {
  return Array.from({ length: count }, (_, index) => Math.floor(100 / count) + (index < 100 % count ? 1 : 0))
}
