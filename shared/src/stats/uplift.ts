import { twoProportionTest, wilsonInterval } from './two-proportions'

/** One side of the control-group comparison: the contacts that entered a journey, and what they did. */
export interface GroupOutcome {
  contacts: number
  /** Of them, exited the journey converted. */
  conversions: number
  /** Revenue of the goal events that converted them (`properties.revenue`). */
  revenue: number
}

export interface GroupFigures extends GroupOutcome {
  conversionRate: number
  revenuePerContact: number
}

/** Treated against held-out contacts of one journey: what the messages changed. */
export interface UpliftReport {
  treated: GroupFigures
  heldOut: GroupFigures
  /** Conversion rate, treated minus held out, with its 95% interval; absent until both groups have contacts. */
  difference?: { rate: number; lower: number; upper: number; pValue: number }
  /** Conversions the treated contacts made beyond what the held-out rate predicts. */
  incrementalConversions?: number
  /** Revenue per contact, treated minus held out. */
  revenuePerContactDifference?: number
}

function figures(group: GroupOutcome): GroupFigures {
  const per = (value: number) => (group.contacts === 0 ? 0 : value / group.contacts)
  return { ...group, conversionRate: per(group.conversions), revenuePerContact: per(group.revenue) }
}

/**
 * The difference of two conversion rates with Newcombe's hybrid score interval (built from each
 * rate's Wilson interval), which stays inside [-1, 1] and honest with few conversions, and the
 * pooled two-proportion z-test for its p-value.
 */
export function upliftReport(treated: GroupOutcome, heldOut: GroupOutcome): UpliftReport {
  const report: UpliftReport = { treated: figures(treated), heldOut: figures(heldOut) }
  const a = { trials: treated.contacts, successes: treated.conversions }
  const b = { trials: heldOut.contacts, successes: heldOut.conversions }
  const test = twoProportionTest(b, a)
  if (!test) return report
  const [p1, p2] = [report.treated.conversionRate, report.heldOut.conversionRate]
  const [w1, w2] = [wilsonInterval(a), wilsonInterval(b)]
  const rate = p1 - p2
  return {
    ...report,
    difference: {
      rate,
      lower: rate - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
      upper: rate + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
      pValue: test.pValue,
    },
    incrementalConversions: treated.conversions - treated.contacts * p2,
    revenuePerContactDifference: report.treated.revenuePerContact - report.heldOut.revenuePerContact,
  }
}

/** `GET /api/journeys/:id/control-group`: the report with the workspace's current share. */
export interface JourneyUplift extends UpliftReport {
  /** Percent of contacts the workspace holds out now; 0 = no control group. */
  controlGroupPercent: number
}

/** One journey's row of `GET /api/program/control-group`. */
export interface JourneyUpliftRow extends UpliftReport {
  journeyId: string
  name: string
  status: 'live' | 'paused'
}

/** `GET /api/program/control-group`: every live or paused journey with a goal, and the whole program. */
export interface ProgramUplift {
  /** Percent of contacts the workspace holds out now; 0 = no control group. */
  controlGroupPercent: number
  journeys: JourneyUpliftRow[]
  /**
   * The program, per contact (the unit the control group draws): a contact who entered any of these
   * journeys counts once, converted if any of them converted them, with the revenue of the distinct
   * goal events that did. Pooling enrollments instead would count one person several times and
   * overstate the significance.
   */
  overall: UpliftReport
  /** Contacts left out of `overall`: treated in one journey and held out in another (the share changed between their entries). */
  mixedContacts: number
}
