import { HOUR, toLocal } from '@recall/engine'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bucketEdges, MAX_POINTS } from '../src/monitoring/buckets'

const ZONES = ['Asia/Shanghai', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'UTC']

describe('chart buckets in a time zone', () => {
  it('start on local hours or midnights, ascend, and cover the range (or its latest MAX_POINTS buckets)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 2_000 * HOUR }),
        fc.constantFrom<'hour' | 'day'>('hour', 'day'),
        fc.constantFrom(...ZONES),
        (from, length, bucket, zone) => {
          const to = from + length
          const edges = bucketEdges(from, to, bucket, zone)
          expect(edges.length - 1).toBeLessThanOrEqual(MAX_POINTS)
          for (const [index, edge] of edges.entries()) {
            if (index > 0) expect(edge).toBeGreaterThan(edges[index - 1] as number)
            const local = toLocal(edge, zone)
            // Lord Howe moves its clock by half an hour: its hour after the change starts at :30.
            if (bucket === 'day') expect(local.minutes).toBe(0)
            else if (zone !== 'Australia/Lord_Howe') expect(local.minutes % 60).toBe(0)
          }
          expect(edges.at(-1)).toBeGreaterThan(to)
          if (edges.length - 1 < MAX_POINTS) expect(edges[0]).toBeLessThanOrEqual(from)
        },
      ),
    )
  })

  it('gives a 23-hour day when New York springs forward', () => {
    const edges = bucketEdges(Date.parse('2026-03-08T12:00:00-04:00'), Date.parse('2026-03-08T12:00:00-04:00'), 'day', 'America/New_York')
    expect(edges.map((edge) => new Date(edge).toISOString())).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'])
  })
})
