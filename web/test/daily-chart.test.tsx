import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ProgramChart } from '../src/program/ProgramChart'
import type { JourneyFigures } from '../src/program/store'
import { DailyChart } from '../src/simulation/DailyChart'
import { SimulationPanel } from '../src/simulation/SimulationPanel'
import { useSimulation } from '../src/simulation/store'
import { simulationResult } from './helpers'

const day = (date: string, messages: number) => ({ date, messages, parts: messages, cost: messages * 0.05 })
/** Each bar's hover text, in the order drawn. */
const barTitles = () => [...document.querySelectorAll('.daily-chart rect title, .program-chart g > title')].map((title) => title.textContent)
const labels = (chart: Element) => [...chart.querySelectorAll('text')].map((label) => [label.textContent, Number(label.getAttribute('x'))])

/**
 * A 30-day run in Shanghai from 2026-12-03 00:30 (+08:00), i.e. 2026-12-02T16:30Z: the server dates
 * its sends in the workspace's zone, from 12-03 to 01-02 (the run ends 01-02 00:30 local).
 */
const SHANGHAI_MONTH = [day('2026-12-03', 876), day('2026-12-10', 40), day('2027-01-02', 5)]

describe('messages per day chart', () => {
  it('scales to its column and keeps every date label inside, so it never runs into the Held column', () => {
    useLocaleStore.setState({ locale: 'en' })
    render(<DailyChart byDay={[day('2026-11-02', 40), day('2026-12-01', 3)]} />)
    const chart = screen.getByRole('img', { name: 'Messages per day' })
    // No pixel width: 30 days at 15 px would be 450 px in a column that may be 280 px wide.
    expect([chart.getAttribute('width'), chart.getAttribute('viewBox')]).toEqual(['100%', '0 0 480 136'])
    expect(labels(chart)).toEqual([
      ['11-02', 0],
      ['11-09', 105],
      ['11-16', 210],
      ['11-23', 315],
      ['11-30', 420],
    ])
    // "11-30" at 9 px is under 30 units wide: it ends inside the 480-unit view.
    expect(Math.max(...labels(chart).map(([, x]) => Number(x))) + 30).toBeLessThanOrEqual(480)
  })

  it('draws the days the figures are dated by, gaps as zero, so a run east of UTC loses neither its first nor its last day', () => {
    useLocaleStore.setState({ locale: 'en' })
    render(<DailyChart byDay={SHANGHAI_MONTH} />)
    const titles = barTitles()
    expect(titles).toHaveLength(31)
    expect(titles[0]).toBe('2026-12-03: 876 · 876 parts · cost ¥43.80')
    expect(titles[1]).toBe('2026-12-04: 0 · 0 parts · cost ¥0.00')
    expect(titles[7]).toBe('2026-12-10: 40 · 40 parts · cost ¥2.00')
    expect(titles[30]).toBe('2027-01-02: 5 · 5 parts · cost ¥0.25')
    expect(titles.reduce((sum, title) => sum + Number(title?.split(': ')[1]?.split(' ·')[0]), 0)).toBe(876 + 40 + 5)
    expect(labels(screen.getByRole('img'))[0]).toEqual(['12-03', 0])
  })

  it('shows the reported messages of a one-day run in Shanghai on the day they were sent, in Chinese too', () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const result = simulationResult({ contacts: 1000, simulatedDays: 1, messages: { total: 876, parts: 876, cost: 43.8, byDay: [day('2026-12-03', 876)] } })
    const request = { count: 1000, zoneMix: 'china', vipShare: 0.2, clickRate: 0.3, orderRate: 0.1, redeemRate: 0.1, source: 'generated', compareLive: false } as const
    useSimulation.setState({ run: { id: 'r', status: 'done', progress: 1, result }, request: { ...request, start: '2026-12-02T16:30:00.000Z', days: 1 } })
    render(<SimulationPanel />)
    expect(barTitles()).toEqual(['2026-12-03: 876 · 876 条计费短信 · 费用 ¥43.80'])
    expect(labels(screen.getByRole('img', { name: '每日发送量' }))).toEqual([['12-03', 0]])
    useSimulation.setState({ run: undefined, request: undefined })
  })
})

describe('the Program page chart', () => {
  const journey = (id: string, name: string, byDay: ReturnType<typeof day>[]): JourneyFigures => ({
    id,
    name,
    contacts: 1000,
    messages: { total: byDay.reduce((sum, entry) => sum + entry.messages, 0), parts: 0, cost: 0, byDay },
    held: [],
    skipped: [],
    conversions: { total: 0 },
  })

  it('stacks the journeys on the days their figures are dated by, from the first to the last, totals matching', () => {
    useLocaleStore.setState({ locale: 'en' })
    render(<ProgramChart journeys={[journey('cart', 'Cart', SHANGHAI_MONTH), journey('winback', 'Win-back', [day('2026-12-04', 7)])]} />)
    const titles = barTitles()
    expect(titles).toHaveLength(31)
    expect(titles[0]).toBe('2026-12-03: Cart 876 · Win-back 0 · Total 876')
    expect(titles[1]).toBe('2026-12-04: Cart 0 · Win-back 7 · Total 7')
    expect(titles[30]).toBe('2027-01-02: Cart 5 · Win-back 0 · Total 5')
    expect(titles.reduce((sum, title) => sum + Number(title?.split('Total ')[1]), 0)).toBe(876 + 40 + 5 + 7)
    expect(labels(screen.getByRole('img', { name: 'Messages per day, by journey' }))[0]).toEqual(['12-03', 0])
  })
})
