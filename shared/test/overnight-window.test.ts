import { describe, expect, it } from 'vitest'
import { isOvernight, toWeeklyIntervals } from '../src/index'

describe('overnight send slots', () => {
  it('runs 22:00–07:00 on Sunday into Monday morning', () => {
    expect(isOvernight({ start: '22:00', end: '07:00' })).toBe(true)
    expect(toWeeklyIntervals([{ days: [7], start: '22:00', end: '07:00' }])).toEqual([[[0, 420]], [], [], [], [], [], [[1320, 1440]]])
  })

  it('keeps a same-day slot as it was, and a zero-length slot empty', () => {
    expect(toWeeklyIntervals([{ days: [1], start: '18:00', end: '20:00' }])[0]).toEqual([[1080, 1200]])
    expect(toWeeklyIntervals([{ days: [1], start: '09:00', end: '09:00' }]).flat()).toEqual([])
  })
})
