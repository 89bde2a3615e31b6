import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { addDuration, canEnter, canonicalTimeZone, fromLocal, nextOpening, offsetAt, toLocal } from '../src/index'

describe('zoned time', () => {
  it('names a zone typed in any case by its IANA name, and no zone for an unknown one', () => {
    expect(['asia/shanghai', 'ASIA/SHANGHAI', 'Asia/Shanghai', 'europe/london', 'utc', 'america/new_york', 'Asia/Kolkata', 'Mars/Olympus', ''].map(canonicalTimeZone)).toEqual([
      'Asia/Shanghai',
      'Asia/Shanghai',
      'Asia/Shanghai',
      'Europe/London',
      'UTC',
      'America/New_York',
      'Asia/Kolkata',
      undefined,
      undefined,
    ])
  })

  it('reads offsets, including DST', () => {
    expect(offsetAt(Date.parse('2026-07-01T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3_600_000)
    expect(offsetAt(Date.parse('2026-07-01T00:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000)
    expect(offsetAt(Date.parse('2026-01-01T00:00:00Z'), 'America/New_York')).toBe(-5 * 3_600_000)
    expect(offsetAt(Date.parse('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000)
  })

  it('resolves a skipped local time after the jump and a repeated one to its first occurrence', () => {
    expect(new Date(fromLocal(2026, 3, 8, 2 * 60 + 30, 'America/New_York')).toISOString()).toBe('2026-03-08T07:30:00.000Z')
    expect(new Date(fromLocal(2026, 11, 1, 60 + 30, 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z')
    expect(toLocal(Date.parse('2026-11-01T05:30:00Z'), 'America/New_York')).toEqual({ year: 2026, month: 11, day: 1, minutes: 90, weekday: 7 })
  })

  it('adds weeks in calendar time', () => {
    expect(new Date(addDuration(Date.parse('2026-03-01T15:00:00Z'), { amount: 2, unit: 'weeks' }, 'America/New_York')).toISOString()).toBe('2026-03-15T14:00:00.000Z')
  })

  it('finds the next opening of the legal window from any time', () => {
    const legal = toWeeklyIntervals(LEGAL_WINDOW)
    expect(nextOpening(Date.parse('2026-11-24T13:30:00Z'), 'Asia/Shanghai', legal, [])?.at).toBe(Date.parse('2026-11-25T00:00:00Z'))
    expect(nextOpening(Date.parse('2026-11-24T03:00:00Z'), 'Asia/Shanghai', legal, [])?.at).toBe(Date.parse('2026-11-24T03:00:00Z'))
  })
})

describe('entry rules', () => {
  const now = Date.parse('2026-11-24T00:00:00Z')
  const day = 86_400_000
  it('allows one active enrollment and applies the re-entry rule', () => {
    expect(canEnter({ reentry: 'after_exit' }, [], now)).toEqual({ allowed: true })
    expect(canEnter({ reentry: 'after_exit' }, [{ enteredAt: now - day, exitedAt: undefined }], now)).toEqual({
      allowed: false,
      reason: { en: 'already in this journey', zh: '已在此旅程中' },
    })
    expect(canEnter({ reentry: 'after_exit' }, [{ enteredAt: now - day, exitedAt: now - 1 }], now)).toEqual({ allowed: true })
    expect(canEnter({ reentry: 'never' }, [{ enteredAt: now - 100 * day, exitedAt: now - 90 * day }], now).allowed).toBe(false)
    expect(canEnter({ reentry: 'after_days', reentryDays: 30 }, [{ enteredAt: now - 29 * day, exitedAt: now - 28 * day }], now).allowed).toBe(false)
    expect(canEnter({ reentry: 'after_days', reentryDays: 30 }, [{ enteredAt: now - 30 * day, exitedAt: now - 28 * day }], now)).toEqual({ allowed: true })
  })
})
