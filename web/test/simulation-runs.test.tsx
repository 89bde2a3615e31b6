import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { useSession } from '../src/app/session'
import { DailyChart } from '../src/simulation/DailyChart'
import { integerText } from '../src/simulation/IntegerField'
import { SimulateButton } from '../src/simulation/SimulateButton'
import { SimulateDialog } from '../src/simulation/SimulateDialog'
import { SimulationPanel } from '../src/simulation/SimulationPanel'
import { cancelSimulation, startSimulation, useSimulation } from '../src/simulation/store'
import { openInEditor, simulationResult, template } from './helpers'

const signInAs = (role: 'viewer' | 'editor' | 'admin') =>
  useSession.setState({ status: 'signed-in', user: { userId: 'u1', email: 'u@shop.example', name: 'U', role, canPublish: true }, csrfToken: 't' })

/** Answers GETs (the segments list) at once and records each POST body; a POST answers a running run. */
function stubServer() {
  const posts: { url: string; body: Record<string, unknown> }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        posts.push({ url, body: JSON.parse(String(init.body)) })
        return Promise.resolve(new Response(JSON.stringify({ id: 'r1', status: 'running', progress: 0 }), { status: 202 }))
      }
      return Promise.resolve(new Response(JSON.stringify({ segments: [{ id: 'gold', name: 'Gold members' }] }), { status: 200 }))
    }),
  )
  return posts
}

/** A 30-day run of generated contacts, as the dialog sends it. */
const REQUEST = {
  count: 1000,
  zoneMix: 'china',
  vipShare: 0.2,
  clickRate: 0.3,
  orderRate: 0.1,
  redeemRate: 0.1,
  start: '2026-12-01T00:00:00Z',
  days: 30,
  compareLive: false,
  source: 'generated',
} as const

const runButton = (name = 'Run simulation') => screen.getByRole('button', { name }) as HTMLButtonElement

beforeEach(() => {
  useLocaleStore.setState({ locale: 'en' })
  signInAs('editor')
  openInEditor(template('abandoned-cart'))
})
afterEach(() => {
  vi.unstubAllGlobals()
  useSimulation.setState({ run: undefined, request: undefined, overlay: false, cancelling: false, cancelError: undefined })
})

describe('who may simulate', () => {
  it('turns Simulate off for a viewer and says why beside it, in each language; an editor and an admin simulate', () => {
    const onClick = vi.fn()
    signInAs('viewer')
    const { unmount } = render(<SimulateButton blocked={false} onClick={onClick} />)
    const button = screen.getByRole('button', { name: '▶ Simulate' }) as HTMLButtonElement
    expect([button.disabled, button.title]).toEqual([true, 'Viewers cannot start simulations: ask an editor or an admin (you can still open the results of runs)'])
    expect(screen.getByText('Viewers cannot start simulations: ask an editor or an admin (you can still open the results of runs)')).toBeTruthy()
    fireEvent.click(button)
    expect(onClick).not.toHaveBeenCalled()
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    const zh = render(<SimulateButton blocked={false} onClick={onClick} />)
    expect(screen.getByText('查看者不能发起模拟:请联系编辑者或管理员(你仍可查看模拟结果)')).toBeTruthy()
    zh.unmount()
    for (const role of ['editor', 'admin'] as const) {
      signInAs(role)
      const { unmount: done } = render(<SimulateButton blocked={false} onClick={onClick} />)
      const allowed = screen.getByRole('button', { name: '▶ 模拟' }) as HTMLButtonElement
      expect([allowed.disabled, allowed.title]).toEqual([false, ''])
      fireEvent.click(allowed)
      done()
    }
    expect(onClick).toHaveBeenCalledTimes(2)
  })

  it('keeps Run off in the dialog for a viewer, with the reason, and sends nothing', () => {
    const posts = stubServer()
    signInAs('viewer')
    render(<SimulateDialog journeyId="abandoned-cart" hasLive={false} onClose={() => {}} />)
    expect(screen.getByText('Viewers cannot start simulations: ask an editor or an admin (you can still open the results of runs)')).toBeTruthy()
    expect(runButton().disabled).toBe(true)
    fireEvent.click(runButton())
    expect(posts).toEqual([])
  })

  it('still shows a viewer the results of a run', () => {
    signInAs('viewer')
    useSimulation.setState({
      run: { id: 'r', status: 'done', progress: 1, result: simulationResult({ contacts: 1200, simulatedDays: 30 }) },
      request: { ...REQUEST, count: 1200 },
      overlay: true,
    })
    render(<SimulationPanel />)
    expect(screen.getByTestId('simulation-totals').textContent).toBe('1,200 contacts · 0 messages · 0 parts · cost ¥0.00 · 0 conversions')
  })
})

describe('the chart’s hover text', () => {
  it('groups the cost’s digits as the rest of the panel does, in English and Chinese', () => {
    const byDay = [{ date: '2026-12-01', messages: 246_912, parts: 246_912, cost: 12_345.6 }]
    const titles = () => [...document.querySelectorAll('.daily-chart rect title')].map((title) => title.textContent)
    const { unmount } = render(<DailyChart byDay={byDay} />)
    expect(titles()).toEqual(['2026-12-01: 246,912 · 246,912 parts · cost ¥12,345.60'])
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<DailyChart byDay={byDay} />)
    expect(titles()).toEqual(['2026-12-01: 246,912 · 246,912 条计费短信 · 费用 ¥12,345.60'])
  })
})

describe('the sample count', () => {
  it('keeps digits only, without leading zeros', () => {
    expect(['-5', '05', '007', '0', '1e3', '12.5', ''].map(integerText)).toEqual(['5', '5', '7', '0', '13', '125', ''])
  })

  it('never shows a minus or a leading zero, and says the bounds the server takes when out of range', async () => {
    const posts = stubServer()
    render(<SimulateDialog journeyId="abandoned-cart" hasLive={false} onClose={() => {}} />)
    const count = screen.getByLabelText('Sample contacts') as HTMLInputElement
    fireEvent.change(count, { target: { value: '-5' } })
    expect(count.value).toBe('5')
    fireEvent.change(count, { target: { value: '05' } })
    expect(count.value).toBe('5')
    expect(runButton().disabled).toBe(false)
    fireEvent.change(count, { target: { value: '0' } })
    expect([count.value, count.getAttribute('aria-invalid')]).toEqual(['0', 'true'])
    expect(screen.getByText('Sample contacts: enter a whole number from 1 to 100,000')).toBeTruthy()
    // The message describes the field and leaves its name alone.
    expect(screen.getByRole('textbox', { name: 'Sample contacts', description: 'Sample contacts: enter a whole number from 1 to 100,000' })).toBe(count)
    expect(runButton().disabled).toBe(true)
    fireEvent.change(count, { target: { value: '100001' } })
    expect(screen.getByText('Sample contacts: enter a whole number from 1 to 100,000')).toBeTruthy()
    fireEvent.change(count, { target: { value: '' } })
    expect(runButton().disabled).toBe(true)
    act(() => useLocaleStore.setState({ locale: 'zh-CN' }))
    expect(screen.getByText('示例联系人数:请输入 1 到 100,000 之间的整数')).toBeTruthy()
    act(() => useLocaleStore.setState({ locale: 'en' }))
    fireEvent.change(count, { target: { value: '100000' } })
    expect(screen.queryByText('Sample contacts: enter a whole number from 1 to 100,000')).toBeNull()
    const days = screen.getByLabelText('Days') as HTMLInputElement
    fireEvent.change(days, { target: { value: '121' } })
    expect(screen.getByText('Days: enter a whole number from 1 to 120')).toBeTruthy()
    fireEvent.change(days, { target: { value: '014' } })
    expect(days.value).toBe('14')
    fireEvent.click(runButton())
    await waitFor(() => expect(posts).toHaveLength(1))
    expect(posts[0]?.body).toMatchObject({ count: 100_000, days: 14, source: 'generated' })
  })
})

describe('whom the dialog simulates', () => {
  const shown = () => ({
    count: screen.queryAllByRole('textbox').map((input) => input.closest('label')?.firstChild?.textContent),
    zones: screen.queryByText('Time zones') !== null,
    vips: screen.queryByText('Gold and platinum members (%)') !== null,
    file: screen.queryByLabelText('Contacts from a CSV file') !== null,
    segment: screen.queryByRole('combobox', { name: 'The contacts of a saved segment' }) !== null,
  })

  it('offers the real contacts, and shows only the fields that apply to each source', async () => {
    const posts = stubServer()
    render(<SimulateDialog journeyId="abandoned-cart" hasLive={false} onClose={() => {}} />)
    const source = screen.getByRole('combobox', { name: 'Who' }) as HTMLSelectElement
    expect([...source.options].map((option) => [option.value, option.textContent])).toEqual([
      ['generated', 'Generated sample contacts'],
      ['contacts', 'A random sample of the real contacts (with their events)'],
      ['segment', 'The contacts of a saved segment'],
      ['csv', 'Contacts from a CSV file'],
    ])
    expect(shown()).toEqual({ count: ['Sample contacts', 'Days'], zones: true, vips: true, file: false, segment: false })
    fireEvent.change(source, { target: { value: 'contacts' } })
    expect(shown()).toEqual({ count: ['Real contacts, picked at random', 'Days'], zones: false, vips: false, file: false, segment: false })
    fireEvent.change(source, { target: { value: 'segment' } })
    expect(shown()).toEqual({ count: ['At most this many of the segment’s contacts', 'Days'], zones: false, vips: false, file: false, segment: true })
    fireEvent.change(source, { target: { value: 'csv' } })
    expect(shown()).toEqual({ count: ['Days'], zones: false, vips: false, file: true, segment: false })
    fireEvent.change(source, { target: { value: 'contacts' } })
    fireEvent.change(screen.getByLabelText('Real contacts, picked at random'), { target: { value: '800' } })
    fireEvent.click(runButton())
    await waitFor(() => expect(posts).toHaveLength(1))
    expect(posts[0]?.url).toBe('/api/journeys/abandoned-cart/simulations')
    expect(posts[0]?.body).toMatchObject({ source: 'contacts', count: 800 })
    expect(posts[0]?.body).not.toHaveProperty('segmentId')
  })

  it('sends a segment’s id with the contacts of that segment, in Chinese too', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const posts = stubServer()
    render(<SimulateDialog journeyId="abandoned-cart" hasLive={false} onClose={() => {}} />)
    fireEvent.change(screen.getByRole('combobox', { name: '模拟对象' }), { target: { value: 'segment' } })
    const segments = screen.getByRole('combobox', { name: '已保存分群中的联系人' })
    await within(segments).findByRole('option', { name: 'Gold members' })
    fireEvent.change(segments, { target: { value: 'gold' } })
    expect(screen.getByLabelText('分群中最多模拟的联系人数')).toBeTruthy()
    expect(screen.queryByText('时区分布')).toBeNull()
    fireEvent.click(runButton('开始模拟'))
    await waitFor(() => expect(posts).toHaveLength(1))
    expect(posts[0]?.body).toMatchObject({ source: 'segment', segmentId: 'gold', count: 5000 })
  })
})

describe('a cancel', () => {
  it('shows the run cancelled at once, then its partial result once the server has it; a poll that crossed the cancel does not undo it', async () => {
    const answers: ((response: Response) => void)[] = []
    const calls: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init?: RequestInit) => {
        calls.push(`${init?.method ?? 'GET'} ${url}`)
        if (init?.method === 'POST') return Promise.resolve(new Response(JSON.stringify({ id: 'r2', status: 'running', progress: 0 }), { status: 202 }))
        return new Promise<Response>((resolve) => answers.push(resolve))
      }),
    )
    vi.useFakeTimers()
    try {
      await startSimulation('abandoned-cart', { ...REQUEST, count: 20_000 }, undefined)
      render(<SimulationPanel />)
      // A poll goes out while the run is running…
      await act(() => vi.advanceTimersByTimeAsync(400))
      expect(calls).toEqual(['POST /api/journeys/abandoned-cart/simulations', 'GET /api/simulations/r2'])
      // …and Cancel shows "cancelled" before any answer.
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
      expect(screen.getByRole('status').textContent).toBe('Cancelled: collecting the days simulated so far…')
      expect(calls[2]).toBe('DELETE /api/simulations/r2')
      // The poll sent before the cancel answers "running": the panel stays cancelled.
      await act(async () => answers[0]?.(new Response(JSON.stringify({ id: 'r2', status: 'running', progress: 0.1 }), { status: 200 })))
      expect(screen.getByRole('status').textContent).toBe('Cancelled: collecting the days simulated so far…')
      await act(async () => answers[1]?.(new Response(null, { status: 204 })))
      await act(() => vi.advanceTimersByTimeAsync(400))
      await act(async () => answers[2]?.(new Response(JSON.stringify({ id: 'r2', status: 'cancelled', progress: 0.1, stopping: true }), { status: 200 })))
      expect(screen.getByRole('status').textContent).toBe('Cancelled: collecting the days simulated so far…')
      await act(() => vi.advanceTimersByTimeAsync(400))
      const partial = simulationResult({ contacts: 20_000, simulatedDays: 3, cancelled: true })
      await act(async () => answers[3]?.(new Response(JSON.stringify({ id: 'r2', status: 'cancelled', progress: 0.1, result: partial }), { status: 200 })))
      expect(screen.getByRole('status').textContent).toBe('Cancelled after 3 of 30 simulated days: partial results')
      // Nothing more is asked once the threads have stopped.
      await act(() => vi.advanceTimersByTimeAsync(2000))
      expect(calls).toHaveLength(5)
    } finally {
      vi.useRealTimers()
    }
  })

  it('says a run cancelled while the live version ran has the draft’s figures whole, and compares with no cut-short live run', () => {
    const draft = simulationResult({ contacts: 20_000, simulatedDays: 30, messages: { total: 900, parts: 900, cost: 45, byDay: [] } })
    const live = { ...simulationResult({ contacts: 20_000, simulatedDays: 4, cancelled: true }), version: 1 }
    const shown = (locale: 'en' | 'zh-CN') => {
      useLocaleStore.setState({ locale })
      useSimulation.setState({ run: { id: 'r4', status: 'cancelled', progress: 0.6, result: draft, baseline: live }, request: { ...REQUEST, compareLive: true }, overlay: true })
      const { unmount } = render(<SimulationPanel />)
      const text = [screen.getByRole('status').textContent, document.querySelector('.comparison')]
      unmount()
      return text
    }
    expect(shown('en')).toEqual(['Cancelled while simulating the live version: the draft’s figures are complete, with no comparison', null])
    expect(shown('zh-CN')).toEqual(['在模拟线上版本时已取消:草稿的结果完整,但没有对比', null])
  })

  it('puts the run back to running, with the reason, when the server refuses the cancel', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          new Response(JSON.stringify({ error: 'forbidden', message: 'Only whoever started this simulation, or an admin, can cancel it', problems: [] }), {
            status: 403,
          }),
        ),
      ),
    )
    useSimulation.setState({
      run: { id: 'r3', status: 'running', progress: 0.5 },
      request: { ...REQUEST, count: 1 },
      overlay: true,
    })
    render(<SimulationPanel />)
    await act(() => cancelSimulation())
    expect(useSimulation.getState().run?.status).toBe('running')
    expect(screen.getByText('Could not cancel: Only whoever started this simulation, or an admin, can cancel it')).toBeTruthy()
  })
})
