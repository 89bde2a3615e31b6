import { DAY, type DailyMessages, localDateKey, type SimulationResult, toLocal, type WorkspaceSimulationResult } from '@recall/engine'

/**
 * Every local date, in `timeZone`, that a run from `start` for `days` touches: a chart of a 30-day
 * run shows its quiet days too, and dates its bars as the simulator dates its figures (the
 * workspace's zone), so east of UTC no day is a day early and none falls off the end.
 */
export function datesOfRun(start: number, days: number, timeZone: string): string[] {
  const dates = new Set<string>()
  // Half days: a day of 23 or 25 hours across a clock change is never stepped over.
  for (let at = start; at < start + days * DAY; at += DAY / 2) dates.add(localDateKey(toLocal(at, timeZone)))
  dates.add(localDateKey(toLocal(start + days * DAY - 1, timeZone)))
  return [...dates]
}

/**
 * The dates a finished run's figures cover: every day of its period, or for a cancelled run only
 * the days it simulated (none when it stopped before its first), so its chart ends where it stopped
 * instead of trailing zeros for days never simulated.
 */
export function datesSimulated(start: number, days: number, result: { cancelled: boolean; simulatedDays: number }, timeZone: string): string[] {
  const simulated = result.cancelled ? Math.min(days, result.simulatedDays) : days
  return simulated > 0 ? datesOfRun(start, simulated, timeZone) : []
}

/**
 * A run's figures per day with the days nothing was sent at zero, in date order. `onlyDates`: a
 * cancelled run's threads each stop at their own next day, and under load one may be days ahead of
 * another; a day only some of the contacts were simulated through would read as a real day's
 * figures, so it is left out (simulatedDays is the day every thread reached).
 */
export function withEveryDay(byDay: readonly DailyMessages[], dates: readonly string[], onlyDates = false): DailyMessages[] {
  const sent = new Map(byDay.map((day) => [day.date, day]))
  const all = new Set(onlyDates ? dates : [...dates, ...sent.keys()])
  return [...all].sort().map((date) => sent.get(date) ?? { date, messages: 0, parts: 0, cost: 0 })
}

/** A journey's simulation with every day of its run in its figures. */
export function journeyRunWithEveryDay<Result extends SimulationResult>(result: Result, dates: readonly string[]): Result {
  return { ...result, messages: { ...result.messages, byDay: withEveryDay(result.messages.byDay, dates, result.cancelled) } }
}

/** The program's simulation with every day of its run in each journey's figures and the total. */
export function programRunWithEveryDay(result: WorkspaceSimulationResult, dates: readonly string[]): WorkspaceSimulationResult {
  const journeys = Object.fromEntries(Object.entries(result.journeys).map(([id, journey]) => [id, journeyRunWithEveryDay(journey, dates)]))
  return { ...result, journeys, total: { ...result.total, byDay: withEveryDay(result.total.byDay, dates, result.cancelled) } }
}
