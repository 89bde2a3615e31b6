import type { PublishForecast } from '@recall/shared'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PublishDialog } from '../src/editor/PublishDialog'
import { openInEditor, template } from './helpers'

const day = (date: string, messages: number, parts: number) => ({ date, messages, parts, cost: Math.round(parts * 5) / 100 })
const FORECAST: PublishForecast = {
  days: 14,
  start: '2026-12-01T03:15:00.000Z',
  timeZone: 'Asia/Shanghai',
  inFlight: 1000,
  newEntriesPerDay: 12.5,
  migrate: false,
  proposed: {
    byDay: [day('2026-12-01', 0, 0), day('2026-12-02', 1200, 2400), day('2026-12-03', 40, 80)],
    messages: 1240,
    parts: 2480,
    cost: 124,
    next24hMessages: 1200,
    conversions: 31,
  },
  current: {
    byDay: [day('2026-12-01', 0, 0), day('2026-12-02', 1000, 1000), day('2026-12-03', 40, 40)],
    messages: 1040,
    parts: 1040,
    cost: 52,
    next24hMessages: 1000,
    conversions: 33,
  },
  difference: { messages: 200, cost: 72, conversions: -2 },
  removedNodes: [
    { nodeId: 'wait-4-days', label: 'Wait: Wait 4 days', summary: { en: 'Wait: Wait 4 days', zh: '等待:等待 4 天' }, contacts: 1000 },
    { nodeId: 'old-exit', label: 'Exit: completed', summary: { en: 'Exit: completed', zh: '退出:completed' }, contacts: 0 },
  ],
}

/** Holds each forecast until the test answers it; the zone warnings the dialog asks for come back at once, with none. */
function stubForecast() {
  const urls: string[] = []
  const answers: ((value: Response) => void)[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) => {
      if (url.endsWith('/validate')) return Promise.resolve(new Response(JSON.stringify({ problems: [] }), { status: 200, headers: { 'content-type': 'application/json' } }))
      return new Promise<Response>((resolve) => {
        urls.push(url)
        answers.push(resolve)
      })
    }),
  )
  const answer = (body: unknown) => answers.shift()?.(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }))
  return { urls, answer }
}

const rows = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .map((row) =>
      within(row)
        .queryAllByRole('cell')
        .map((cell) => cell.textContent),
    )

describe('the publish dialog forecast', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows loading, then the figures of publishing against keeping the live version, and who reaches removed nodes', async () => {
    openInEditor(template('win-back-90-days'))
    const server = stubForecast()
    render(<PublishDialog journeyId="win-back" live onClose={() => {}} onPublished={() => {}} onScheduled={() => {}} />)
    expect(screen.getByRole('status').textContent).toBe('Forecasting from the live state…')
    await waitFor(() => expect(server.urls).toEqual(['/api/journeys/win-back/forecast?days=14&migrate=false']))
    server.answer(FORECAST)
    await screen.findByRole('table')
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Figure', 'Publish the draft', 'Keep the live version', 'Difference'])
    expect(rows().slice(1)).toEqual([
      ['1,240', '1,040', '+200'],
      ['2,480', '1,040', '+1,440'],
      ['¥124.00', '¥52.00', '+¥72.00'],
      ['1,200', '1,000', '+200'],
      ['31', '33', '-2'],
    ])
    expect(screen.getByText(/contacts in flight now/).textContent).toBe('1,000 contacts in flight now; new entries at last week’s rate: 12.5 a day')
    // Only nodes someone is at or reaches are listed.
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['1,000 wait-4-days Wait: Wait 4 days'])
    expect(screen.getByRole('img', { name: 'Messages per day' }).querySelectorAll('rect').length).toBe(3)
  })

  it('forecasts again when contacts in flight are to move, and speaks Chinese', async () => {
    openInEditor(template('win-back-90-days'), { locale: 'zh-CN' })
    const server = stubForecast()
    render(<PublishDialog journeyId="win-back" live onClose={() => {}} onPublished={() => {}} onScheduled={() => {}} />)
    await waitFor(() => expect(server.urls.length).toBe(1))
    fireEvent.click(screen.getByLabelText('将进行中的联系人迁移到新版本(其所在节点仍存在时)'))
    await waitFor(() => expect(server.urls[1]).toBe('/api/journeys/win-back/forecast?days=14&migrate=true'))
    // The first (stale) answer comes late and is ignored; the second is shown.
    server.answer({ ...FORECAST, proposed: { ...FORECAST.proposed, messages: 1 } })
    server.answer({ ...FORECAST, migrate: true, removedNodes: [] })
    await screen.findByRole('table')
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['指标', '发布草稿', '保持线上版本', '差异'])
    expect(rows()[1]).toEqual(['1,240', '1,040', '+200'])
    expect(screen.getByText(/在旅程中/).textContent).toBe('当前 1,000 位联系人在旅程中;按上周速度每天新进入 12.5 位')
    expect(screen.getByText('没有联系人位于或将到达此草稿删除的节点。')).toBeTruthy()
  })

  it('does not forecast a journey that was never published', () => {
    openInEditor(template('win-back-90-days'))
    const server = stubForecast()
    render(<PublishDialog journeyId="win-back" onClose={() => {}} onPublished={() => {}} onScheduled={() => {}} />)
    expect([server.urls, screen.queryByRole('table')]).toEqual([[], null])
  })
})
