import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { useSaveState } from '../src/editor/save-state'
import { SimulateDialog } from '../src/simulation/SimulateDialog'
import { SimulationPanel } from '../src/simulation/SimulationPanel'
import { useSimulation } from '../src/simulation/store'
import { openInEditor, simulationResult, template } from './helpers'

const EMPTY_RESULT = simulationResult({ contacts: 100_000, cancelled: true })
const REQUEST = {
  count: 100_000,
  zoneMix: 'china',
  vipShare: 0.1,
  clickRate: 0.1,
  orderRate: 0.05,
  redeemRate: 0.05,
  start: '2026-12-01T00:00:00Z',
  days: 30,
  compareLive: false,
  source: 'generated',
} as const

describe('simulate', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('keeps Run disabled and says it is starting while the request is pending', async () => {
    useLocaleStore.setState({ locale: 'en' })
    openInEditor(template('abandoned-cart'))
    let answer: (response: Response) => void = () => {}
    const calls: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init?: RequestInit) => {
        if (init?.method !== 'POST') return Promise.resolve(new Response(JSON.stringify({ segments: [] }), { status: 200 }))
        calls.push(url)
        return new Promise<Response>((resolve) => {
          answer = resolve
        })
      }),
    )
    render(<SimulateDialog journeyId="abandoned-cart" hasLive={false} onClose={() => {}} />)
    fireEvent.click(screen.getByRole('button', { name: 'Run simulation' }))
    const busy = await screen.findByRole('button', { name: 'Starting… (preparing the sample contacts)' })
    expect((busy as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(busy)
    expect(calls).toEqual(['/api/journeys/abandoned-cart/simulations'])
    answer(new Response(JSON.stringify({ error: 'invalid_request', message: 'Click rate must be at most 1', problems: [] }), { status: 400 }))
    expect((await screen.findByRole('alert')).textContent).toBe('Click rate must be at most 1')
    expect((screen.getByRole('button', { name: 'Run simulation' }) as HTMLButtonElement).disabled).toBe(false)
  })

  it('names the draft revision on screen in If-Match, and offers their draft when the server has a newer one (412), in both languages', async () => {
    const starts: [string, unknown][] = []
    const refused = (message: string) =>
      new Response(JSON.stringify({ error: 'draft_changed', message, problems: [{ code: 'draft_changed', path: '/headers/if-match', text: message }] }), { status: 412 })
    let answer = refused('Ada saved a newer draft: reload it before simulating it')
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init?: RequestInit) => {
        if (init?.method !== 'POST') return Promise.resolve(new Response(JSON.stringify({ segments: [] }), { status: 200 }))
        starts.push([url, (init.headers as Record<string, string>)['if-match']])
        return Promise.resolve(answer)
      }),
    )
    for (const [locale, run, reload] of [
      ['en', 'Run simulation', 'Reload their draft'],
      ['zh-CN', '开始模拟', '载入对方的草稿'],
    ] as const) {
      openInEditor(template('abandoned-cart'), { locale })
      useSaveState.setState({ state: 'saved', revision: 4, conflict: undefined, error: undefined })
      const onReload = vi.fn()
      const { unmount } = render(<SimulateDialog journeyId="abandoned-cart" hasLive={false} onClose={() => {}} onReload={onReload} />)
      expect(screen.queryByRole('button', { name: reload })).toBeNull()
      fireEvent.click(screen.getByRole('button', { name: run }))
      expect((await screen.findByRole('alert')).textContent).toBe(
        locale === 'en' ? 'Ada saved a newer draft: reload it before simulating it' : 'Ada 保存了更新的草稿:请重新载入后再模拟',
      )
      fireEvent.click(screen.getByRole('button', { name: reload }))
      expect(onReload).toHaveBeenCalledTimes(1)
      unmount()
      answer = refused('Ada 保存了更新的草稿:请重新载入后再模拟')
    }
    expect(starts).toEqual([
      ['/api/journeys/abandoned-cart/simulations', '"4"'],
      ['/api/journeys/abandoned-cart/simulations', '"4"'],
    ])
  })

  it('shows what each refused row says, not only how many rows were refused', async () => {
    openInEditor(template('abandoned-cart'))
    useLocaleStore.setState({ locale: 'zh-CN' })
    const problems = [
      { code: 'contact.invalid', path: '/body/csv/2/phone', text: '第 2 行 phone:"12345" 不是有效的手机号码' },
      { code: 'contact.invalid', path: '/body/csv/2/time_zone', text: '第 2 行 time_zone:"Mars/Base" 不是有效的时区' },
    ]
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init?: RequestInit) =>
        Promise.resolve(
          init?.method === 'POST'
            ? new Response(JSON.stringify({ error: 'invalid_contacts', message: '文件中有 1 行数据有误', problems }), { status: 400 })
            : new Response(JSON.stringify({ segments: [] }), { status: 200 }),
        ),
      ),
    )
    render(<SimulateDialog journeyId="abandoned-cart" hasLive={false} onClose={() => {}} />)
    fireEvent.click(screen.getByRole('button', { name: '开始模拟' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      '文件中有 1 行数据有误 — /body/csv/2/phone: 第 2 行 phone:"12345" 不是有效的手机号码; /body/csv/2/time_zone: 第 2 行 time_zone:"Mars/Base" 不是有效的时区',
    )
  })

  it('says a run cancelled before its first day has no results, and how far a later one got', () => {
    useLocaleStore.setState({ locale: 'en' })
    useSimulation.setState({ run: { id: 'r', status: 'cancelled', progress: 0, result: EMPTY_RESULT }, request: REQUEST, overlay: true })
    const { unmount } = render(<SimulationPanel />)
    expect(screen.getByRole('status').textContent).toBe('Cancelled before the first simulated day: no results')
    unmount()
    useSimulation.setState({ run: { id: 'r', status: 'cancelled', progress: 0.4, result: { ...EMPTY_RESULT, simulatedDays: 12 } }, request: REQUEST, overlay: true })
    render(<SimulationPanel />)
    expect(screen.getByRole('status').textContent).toBe('Cancelled after 12 of 30 simulated days: partial results')
  })

  it('compares draft and live in each language’s word order, with grouped figures and true minus signs', () => {
    const draft = {
      ...EMPTY_RESULT,
      cancelled: false,
      simulatedDays: 30,
      messages: { total: 12_043, parts: 12_043, cost: 13_402.75, byDay: [] },
      conversions: { total: 40, byVariant: [] },
    }
    const live = { ...draft, messages: { total: 7_000, parts: 7_000, cost: 13_150.6, byDay: [] }, conversions: { total: 52, byVariant: [] }, version: 3 }
    const comparison = (locale: 'en' | 'zh-CN') => {
      useLocaleStore.setState({ locale })
      useSimulation.setState({ run: { id: 'r', status: 'done', progress: 1, result: draft, baseline: live }, request: REQUEST, overlay: true })
      const { unmount } = render(<SimulationPanel />)
      const section = screen.getByRole('region', { name: locale === 'en' ? 'Draft compared with live version' : '草稿与线上版本对比' })
      const text = [section.querySelector('h3')?.textContent, section.querySelector('p')?.textContent]
      // The run's own cost, grouped as the language groups it.
      expect(document.body.textContent).toContain(locale === 'en' ? 'cost ¥13,402.75' : '费用 ¥13,402.75')
      unmount()
      return text
    }
    expect(comparison('en')).toEqual(['Draft compared with live version v3', 'messages +5,043 · cost +¥252.15 · conversions −12'])
    expect(comparison('zh-CN')).toEqual(['草稿与线上版本 v3 对比', '消息 +5,043 条 · 费用 +¥252.15 · 转化 −12 次'])
  })

  it('shows a run cancelled at once, before the server answers, and never sends the cancel twice', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    let answer: (response: Response) => void = () => {}
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)))
    vi.stubGlobal('fetch', fetch)
    useSimulation.setState({ run: { id: 'r9', status: 'running', progress: 0 }, request: REQUEST, overlay: true, cancelling: false })
    render(<SimulationPanel />)
    fireEvent.click(screen.getByRole('button', { name: '取消' }))
    expect(screen.getByRole('status').textContent).toBe('已取消:正在汇总已模拟的天数…')
    expect(screen.queryByRole('button', { name: '取消' })).toBeNull()
    expect(fetch).toHaveBeenCalledTimes(1)
    answer(new Response(null, { status: 204 }))
  })
})
