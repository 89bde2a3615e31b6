import type { Problem } from './problem'

/**
 * Problems only the server can find: they depend on where the workspace's contacts are (the zones
 * their sends are judged in), not on the document alone. The editor asks for them apart from the
 * problems it finds itself as the marketer edits.
 */
export const AUDIENCE_ZONE_CODES = { fixedTimeHeld: 'zones.fixed_time_held', neverOpen: 'zones.never_open' } as const

const codes = new Set<string>(Object.values(AUDIENCE_ZONE_CODES))

export const isAudienceZoneProblem = (problem: Pick<Problem, 'code'>): boolean => codes.has(problem.code)
