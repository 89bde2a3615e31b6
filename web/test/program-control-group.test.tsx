import { type ProgramUplift, upliftReport } from '@recall/shared'
import { render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ProgramControlGroup } from '../src/program/ProgramControlGroup'

const winBack = upliftReport({ contacts: 950, conversions: 95, revenue: 9500 }, { contacts: 50, conversions: 2, revenue: 100 })
const browse = upliftReport({ contacts: 129, conversions: 7, revenue: 1255 }, { contacts: 35, conversions: 3, revenue: 699 })
/** What the server answers for two journeys, a 5% control group and 4 contacts whose group changed. */
const REPORT: ProgramUplift = {
  controlGroupPercent: 5,
  journeys: [
    { journeyId: 'browse', name: 'Browse abandon', status: 'paused', ...browse },
    { journeyId: 'win-back', name: 'Win-back', status: 'live', ...winBack },
  ],
  overall: upliftReport({ contacts: 1000, conversions: 100, revenue: 10200 }, { contacts: 80, conversions: 4, revenue: 700 }),
  mixedContacts: 4,
}

function serve(report: ProgramUplift) {
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

describe('the global control group on the Program page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows each journey and the program per contact with the difference, its interval, the test and incremental conversions', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const urls = serve(REPORT)
    render(<ProgramControlGroup />)
    const section = await screen.findByRole('region', { name: 'Global control group' })
    expect(urls).toEqual(['/api/program/control-group'])
    expect(cells()).toEqual([
      [
        'Journey',
        'Treated: Entered · Converted',
        'Held out: Entered · Converted',
        'Revenue per contact (Treated / Held out)',
        'Difference (95% interval)',
        'p',
        'Incremental conversions · revenue per contact',
      ],
      ['Browse abandon (paused)', '129 · 7 (5.4%)', '35 · 3 (8.6%)', '¥9.73 / ¥19.97', '−3.1 pts (−17.2 pts to +4.6 pts)', '0.490 not significant yet', '−4.1 · −¥10.24'],
      ['Win-back', '950 · 95 (10.0%)', '50 · 2 (4.0%)', '¥10.00 / ¥2.00', '+6.0 pts (−3.6 pts to +9.6 pts)', '0.162 not significant yet', '57 · +¥8.00'],
      ['All journeys, per contact', '1,000 · 100 (10.0%)', '80 · 4 (5.0%)', '¥10.20 / ¥8.75', '+5.0 pts (−2.4 pts to +8.6 pts)', '0.145 not significant yet', '50 · +¥1.45'],
    ])
    expect([...section.querySelectorAll('p')].map((line) => line.textContent)).toEqual([
      '5% of contacts held out. Treated against held-out contacts of each live or paused journey with a goal.',
      'All journeys counts each contact once: converted if any journey converted them, with the revenue of their distinct orders. 4 contacts treated in one journey and held out in another (the share changed) are left out of it.',
    ])
  })

  it('points to the settings in Chinese when the control group is off and nobody was held out', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const nobody = upliftReport({ contacts: 12, conversions: 3, revenue: 0 }, { contacts: 0, conversions: 0, revenue: 0 })
    serve({ controlGroupPercent: 0, journeys: [{ journeyId: 'win-back', name: 'Win-back', status: 'live', ...nobody }], overall: nobody, mixedContacts: 0 })
    render(<ProgramControlGroup />)
    const section = await screen.findByRole('region', { name: '全局对照组' })
    expect(section.querySelector('p')?.textContent).toBe('全局对照组未开启,没有联系人被留作对照,无法衡量增量。请在以下位置开启: 设置.')
    expect(within(section).getByRole('link', { name: '设置' }).getAttribute('href')).toBe('#/settings')
    expect(section.querySelector('table')).toBeNull()
  })
})
