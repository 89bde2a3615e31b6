import type { JourneyUplift } from '@recall/shared'
import { upliftReport } from '@recall/shared'
import { render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ControlGroupResults } from '../src/monitoring/ControlGroupResults'

/** What the server answers for 950 treated and 50 held-out contacts. */
const REPORT: JourneyUplift = { controlGroupPercent: 5, ...upliftReport({ contacts: 950, conversions: 95, revenue: 9500 }, { contacts: 50, conversions: 2, revenue: 100 }) }

function serve(report: JourneyUplift) {
  const urls: string[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url)
      return new Response(JSON.stringify(report), { status: 200, headers: { 'content-type': 'application/json' } })
    }),
  )
  return urls
}

const cells = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent))

describe('the control-group results in the live panel', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('compares treated and held-out contacts with the difference, its interval, the test and incremental conversions', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const urls = serve(REPORT)
    render(<ControlGroupResults journeyId="win-back" />)
    const section = await screen.findByRole('region', { name: 'Uplift against the global control group (5% held out)' })
    expect(urls).toEqual(['/api/journeys/win-back/control-group'])
    expect(cells()).toEqual([
      ['Contacts', 'Entered', 'Converted', 'Revenue per contact'],
      ['Treated', '950', '95 (10.0%)', '¥10.00'],
      ['Held out', '50', '2 (4.0%)', '¥2.00'],
    ])
    expect([...section.querySelectorAll('p')].map((line) => line.textContent)).toEqual([
      'Difference: +6.0 pts (95% interval −3.6 pts to +9.6 pts), p = 0.162 — not significant yet',
      'Incremental conversions: 57 · revenue per contact +¥8.00',
    ])
  })

  it('speaks Chinese, and waits for both groups before a difference', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    serve({ controlGroupPercent: 5, ...upliftReport({ contacts: 12, conversions: 3, revenue: 0 }, { contacts: 0, conversions: 0, revenue: 0 }) })
    render(<ControlGroupResults journeyId="win-back" />)
    const section = await screen.findByRole('region', { name: '相对全局对照组的增量(对照组 5%)' })
    expect(cells()).toEqual([
      ['联系人', '进入人数', '转化', '人均收入'],
      ['发送组', '12', '3 (25.0%)', '¥0.00'],
      ['对照组', '0', '0 (0.0%)', '¥0.00'],
    ])
    expect(section.querySelector('p')?.textContent).toBe('两组都有联系人后显示差异。')
  })

  it('writes a negative uplift with minus signs', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    serve({ controlGroupPercent: 20, ...upliftReport({ contacts: 129, conversions: 7, revenue: 1255 }, { contacts: 35, conversions: 3, revenue: 699 }) })
    render(<ControlGroupResults journeyId="win-back" />)
    const section = await screen.findByRole('region', { name: '相对全局对照组的增量(对照组 20%)' })
    expect([...section.querySelectorAll('p')].map((line) => line.textContent)).toEqual([
      '差异:−3.1 个百分点(95% 区间 −17.2 个百分点 至 +4.6 个百分点),p = 0.490 — 尚不显著',
      '增量转化:−4.1 · 人均收入差 −¥10.24',
    ])
  })

  it('shows nothing while the workspace has no control group and nobody was held out', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const urls = serve({ controlGroupPercent: 0, ...upliftReport({ contacts: 12, conversions: 3, revenue: 0 }, { contacts: 0, conversions: 0, revenue: 0 }) })
    const { container } = render(<ControlGroupResults journeyId="win-back" />)
    await vi.waitFor(() => expect(urls).toHaveLength(1))
    await Promise.resolve()
    expect(container.innerHTML).toBe('')
  })
})
