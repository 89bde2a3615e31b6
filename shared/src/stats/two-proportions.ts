export interface Proportion {
  /** Contacts in the group. */
  trials: number
  /** Of them, converted. */
  successes: number
}

export interface ProportionTest {
  difference: number
  z: number
  /** Two-sided p-value; below 0.05 the difference is unlikely to be chance. */
  pValue: number
}

/** Standard normal CDF through erf (Abramowitz–Stegun 7.1.26, error below 1.5e-7). */
function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2)
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-(x * x) / 2)
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

/** Two-proportion z-test with the pooled standard error: is B's conversion rate different from A's? */
export function twoProportionTest(a: Proportion, b: Proportion): ProportionTest | undefined {
  if (a.trials === 0 || b.trials === 0) return undefined
  const rateA = a.successes / a.trials
  const rateB = b.successes / b.trials
  const pooled = (a.successes + b.successes) / (a.trials + b.trials)
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials))
  if (standardError === 0) return { difference: rateB - rateA, z: 0, pValue: 1 }
  const z = (rateB - rateA) / standardError
  return { difference: rateB - rateA, z, pValue: 2 * (1 - normalCdf(Math.abs(z))) }
}

/**
 * Contacts each group needs to detect `lift` over a `baseline` rate (two-sided α = 0.05, power 0.8),
 * so a marketer knows when to stop waiting.
 */
export function sampleSizePerGroup(baseline: number, lift: number): number {
  const target = baseline + lift
  const variance = baseline * (1 - baseline) + target * (1 - target)
  return Math.ceil(((1.959964 + 0.841621) ** 2 * variance) / lift ** 2)
}

/**
 * Wilson score interval (95%) of a proportion: the range its true rate likely lies in. An alarm
 * on a rate fires only when the whole interval is past the threshold, so a few unlucky messages
 * early in a send do not raise it, while a real problem does as soon as the numbers show it.
 */
export function wilsonInterval({ successes, trials }: Proportion): { lower: number; upper: number } {
  if (trials === 0) return { lower: 0, upper: 1 }
  const z = 1.959964
  const rate = successes / trials
  const denominator = 1 + (z * z) / trials
  const centre = (rate + (z * z) / (2 * trials)) / denominator
  const halfWidth = (z * Math.sqrt((rate * (1 - rate)) / trials + (z * z) / (4 * trials * trials))) / denominator
  return { lower: Math.max(0, centre - halfWidth), upper: Math.min(1, centre + halfWidth) }
}
