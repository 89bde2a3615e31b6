/** Axis arithmetic for the live chart, apart from drawing so it can be checked on its own. */

/** A round top for the y axis (1, 2, 5, 10, 20, 50…) at or above the largest value, so gridlines read easily. */
export function roundedTop(largest: number): number {
  if (largest <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(largest))
  const step = [1, 2, 5, 10].find((factor) => factor * power >= largest) ?? 10
  return step * power
}

/**
 * Which points get a label along the x axis: every `step`-th one, the step wide enough that no two
 * labels of `labelWidth` pixels overlap on a plot `plotWidth` wide with `count` evenly spread points.
 */
export function labelledPoints(count: number, plotWidth: number, labelWidth: number): number[] {
  if (count === 0) return []
  const spacing = count > 1 ? plotWidth / (count - 1) : plotWidth
  const step = Math.max(1, Math.ceil(labelWidth / spacing))
  const indices: number[] = []
  for (let index = 0; index < count; index += step) indices.push(index)
  return indices
}
