import type { JourneySeries } from '@recall/shared'
import { render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { labelledPoints, roundedTop } from '../src/monitoring/chart-axis'
import { LiveChart } from '../src/monitoring/LiveChart'

const HOUR = 3_600_000
const first = Date.parse('2026-11-23T06:00:00Z')
const busy: Record<number, Partial<JourneySeries['points'][number]>> = {
  20: { entries: 3, sends: 3 },
  22: { entries: 2, sends: 2 },
  23: { conversions: 2, revenue: 99.5 },
  24: { conversions: 2, revenue: 20.25 },
}
/** What the server answers for the last 24 hours of the route test: 25 hourly points in Asia/Shanghai. */
const DAY: JourneySeries = {
  timeZone: 'Asia/Shanghai',
  bucket: 'hour',
  from: '2026-11-23T06:20:00.000Z',
  to: '2026-11-24T06:20:00.000Z',
  points: Array.from({ length: 25 }, (_, index) => ({
    start: new Date(first + index * HOUR).toISOString(),
    entries: 0,
    sends: 0,
    conversions: 0,
    revenue: 0,
    ...busy[index],
  })),
  totals: { entries: 5, sends: 5, conversions: 4, revenue: 119.75 },
  hasRevenue: true,
}

function serve(series: JourneySeries) {
  const urls: string[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url)
      return new Response(JSON.stringify(series), { status: 200, headers: { 'content-type': 'application/json' } })
    }),
  )
  return urls
}

describe('the live chart', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('draws entries, sends and conversions per hour with revenue, a legend with totals, and a table of every hour', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const urls = serve(DAY)
    render(<LiveChart journeyId="visit-offer" lastHours={24} />)
    const chart = await screen.findByRole('img')
    expect(urls).toEqual(['/api/journeys/visit-offer/series?lastHours=24'])
    expect(chart.getAttribute('aria-label')).toBe('Over time (per hour, times in Asia/Shanghai): Entries 5 · Sends 5 · Conversions 4 · Revenue ¥119.75')
    expect(screen.getByRole('list', { name: 'Total' }).textContent).toBe('Entries 5Sends 5Conversions 4Revenue ¥119.75')
    const rows = within(screen.getByRole('table')).getAllByRole('row')
    expect(rows).toHaveLength(26)
    expect(rows.slice(21).map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent))).toEqual([
      ['11-24 10:00', '3', '3', '0', '¥0.00'],
      ['11-24 11:00', '0', '0', '0', '¥0.00'],
      ['11-24 12:00', '2', '2', '0', '¥0.00'],
      ['11-24 13:00', '0', '0', '2', '¥99.50'],
      ['11-24 14:00', '0', '0', '2', '¥20.25'],
    ])
    expect(chart.querySelectorAll('polyline')).toHaveLength(3)
    // Axis labels in the workspace's zone, far enough apart never to overlap.
    const labels = [...chart.querySelectorAll('text.live-chart__label')]
    expect(labels.map((label) => label.textContent)).toEqual(['14:00', '16:00', '18:00', '20:00', '22:00', '00:00', '02:00', '04:00', '06:00', '08:00', '10:00', '12:00', '14:00'])
    const xs = labels.map((label) => Number(label.getAttribute('x')))
    for (let index = 1; index < xs.length; index += 1) expect((xs[index] as number) - (xs[index - 1] as number)).toBeGreaterThanOrEqual(44)
  })

  it('speaks Chinese, and leaves revenue out when no conversion carried one', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    serve({
      ...DAY,
      bucket: 'day',
      points: [{ start: '2026-11-23T16:00:00.000Z', entries: 5, sends: 5, conversions: 4, revenue: 0 }],
      totals: { entries: 5, sends: 5, conversions: 4, revenue: 0 },
      hasRevenue: false,
    })
    render(<LiveChart journeyId="visit-offer" lastHours={undefined} />)
    const chart = await screen.findByRole('img')
    expect(chart.getAttribute('aria-label')).toBe('趋势(每天,时区 Asia/Shanghai):进入 5 · 发送 5 · 转化 4')
    expect([...chart.querySelectorAll('text.live-chart__label')].map((label) => label.textContent)).toEqual(['11-24'])
    expect(screen.getByRole('list', { name: '合计' }).textContent).toBe('进入 5发送 5转化 4')
  })

  it('rounds the axis top and spaces labels by the room they need', () => {
    expect([0, 1, 3, 7, 10, 11, 240, 5001].map(roundedTop)).toEqual([1, 1, 5, 10, 10, 20, 500, 10000])
    expect(labelledPoints(25, 574, 44)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24])
    expect(labelledPoints(169, 574, 44)).toEqual([0, 13, 26, 39, 52, 65, 78, 91, 104, 117, 130, 143, 156])
    expect(labelledPoints(1, 574, 44)).toEqual([0])
    expect(labelledPoints(0, 574, 44)).toEqual([])
  })
})
