import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { DailyChart } from '../src/simulation/DailyChart'

describe('messages per day chart', () => {
  it('scales to its column and keeps every date label inside, so it never runs into the Held column', () => {
    useLocaleStore.setState({ locale: 'en' })
    const byDay = [{ date: '2026-11-02', messages: 40, parts: 40, cost: 2 }]
    render(<DailyChart byDay={byDay} start="2026-11-02T01:00:00.000Z" days={30} />)
    const chart = screen.getByRole('img', { name: 'Messages per day' })
    // No pixel width: 30 days at 15 px would be 450 px in a column that may be 280 px wide.
    expect([chart.getAttribute('width'), chart.getAttribute('viewBox')]).toEqual(['100%', '0 0 480 136'])
    const labels = [...chart.querySelectorAll('text')].map((label) => [label.textContent, Number(label.getAttribute('x'))])
    expect(labels).toEqual([
      ['11-02', 0],
      ['11-09', 105],
      ['11-16', 210],
      ['11-23', 315],
      ['11-30', 420],
    ])
    // "11-30" at 9 px is under 30 units wide: it ends inside the 480-unit view.
    expect(Math.max(...labels.map(([, x]) => Number(x))) + 30).toBeLessThanOrEqual(480)
  })
})
