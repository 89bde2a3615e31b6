import type { SendWindow, TimeOfDay } from '../schema/common'

/** Minutes since local midnight. */
export function minutesOfDay(time: TimeOfDay): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number]
  return hours * 60 + minutes
}

export function formatMinutes(minutes: number): TimeOfDay {
  const hours = Math.floor(minutes / 60)
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** [start, end) in minutes of a local day. */
export type Interval = readonly [number, number]

/** Index 0 is Monday, 6 is Sunday (ISO weekday − 1). Intervals are sorted and disjoint. */
export type WeeklyIntervals = readonly (readonly Interval[])[]

export const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7] as const

/** Marketing and recall SMS in China: 08:00–21:00 recipient local time, every day. */
export const LEGAL_WINDOW: SendWindow = [{ days: [...ALL_DAYS], start: '08:00', end: '21:00' }]

function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const [start, end] of sorted) {
    const last = merged.at(-1)
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else merged.push([start, end])
  }
  return merged
}

/** A slot that ends before it starts runs overnight: 22:00–07:00 on Monday is Monday 22:00 to Tuesday 07:00. */
export function isOvernight(slot: { start: TimeOfDay; end: TimeOfDay }): boolean {
  return minutesOfDay(slot.end) < minutesOfDay(slot.start)
}

export function toWeeklyIntervals(window: SendWindow): WeeklyIntervals {
  const days: Interval[][] = [[], [], [], [], [], [], []]
  for (const slot of window) {
    const start = minutesOfDay(slot.start)
    const end = minutesOfDay(slot.end)
    for (const day of slot.days) {
      if (end > start) days[day - 1]?.push([start, end])
      else if (end < start) {
        days[day - 1]?.push([start, 24 * 60])
        if (end > 0) days[day % 7]?.push([0, end])
      }
    }
  }
  return days.map(mergeIntervals)
}

function intersectDay(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const result: Interval[] = []
  for (const [aStart, aEnd] of a) {
    for (const [bStart, bEnd] of b) {
      const start = Math.max(aStart, bStart)
      const end = Math.min(aEnd, bEnd)
      if (start < end) result.push([start, end])
    }
  }
  return mergeIntervals(result)
}

/** The times allowed by every window given: the effective send window is an overlap. */
export function intersectWeekly(...windows: WeeklyIntervals[]): WeeklyIntervals {
  const [first, ...rest] = windows
  if (!first) throw new Error('intersectWeekly needs at least one window')
  return rest.reduce((acc, next) => acc.map((day, index) => intersectDay(day, next[index] ?? [])), first)
}

export function isEmptyWeekly(window: WeeklyIntervals): boolean {
  return window.every((day) => day.length === 0)
}
