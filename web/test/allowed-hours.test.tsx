import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { PoliciesSection } from '../src/pages/settings/PoliciesSection'

const CAPS = [
  { id: 'recall-30d', categories: ['recall'], limit: 2, window: { amount: 30, unit: 'days' } },
  { id: 'marketing-1d', categories: ['marketing', 'recall'], limit: 1, window: { amount: 1, unit: 'days' } },
]
const defaultPolicies = () => ({ defaultTimeZone: 'Asia/Shanghai', categoryWindows: {}, caps: CAPS, holidays: [], spreadHeldMinutes: 0, shortLinkBase: 'https://rcl.to' })
const POLICIES = { ...defaultPolicies(), quietHoursWindow: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '22:00', end: '07:00' }] }
const REFUSAL = {
  error: 'invalid_policies',
  message: 'These send policies would block sending; nothing was saved',
  problems: [{ code: 'settings.no_allowed_time', path: '/body/quietHoursWindow', text: 'Allowed sending hours 22:00–07:00 leave no time inside the legal window 08:00–21:00' }],
}

describe('allowed sending hours in settings', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('names the setting for what it is, draws an overnight range, and shows the refusal at the field', async () => {
    useLocaleStore.setState({ locale: 'en' })
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) =>
        init?.method === 'PUT'
          ? new Response(JSON.stringify(REFUSAL), { status: 400, headers: { 'content-type': 'application/json' } })
          : new Response(JSON.stringify(POLICIES), { status: 200, headers: { 'content-type': 'application/json' } }),
      ),
    )
    render(<PoliciesSection />)
    // Named once, by its legend (it used to be a heading too, said twice).
    await screen.findByRole('group', { name: 'Allowed sending hours: marketing and recall messages go out only inside these slots (and 08:00–21:00)' })
    // An emptied cap box says what it does rather than snapping back unexplained.
    expect(screen.getByText('Each cap needs a number of at least 1 (an emptied box goes back to its number); to have no cap, remove it')).toBeTruthy()
    const bars = screen.getAllByTestId('day-bar-slot').slice(0, 2)
    expect(bars.map((bar) => [bar.style.left, bar.style.width])).toEqual([
      [`${(1320 / 1440) * 100}%`, `${(120 / 1440) * 100}%`],
      ['0%', `${(420 / 1440) * 100}%`],
    ])
    expect(screen.getByText('runs overnight, into the next day')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    const alerts = await screen.findAllByRole('alert')
    expect(alerts.map((alert) => alert.textContent)).toEqual([
      'Allowed sending hours 22:00–07:00 leave no time inside the legal window 08:00–21:00',
      'These send policies would block sending; nothing was saved',
    ])
  })

  it('lists the live journeys that hours would leave no time, under the refusal', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const journey =
      '旅程"45-day wake-up · 45天未消费唤醒"(线上版本 1):该发送时段(周一至周五 17:00–20:00,周六至周日 10:00–20:00)与工作区允许发送时段(20:00–09:00)在 08:00–21:00 内没有任何重叠'
    const refusal = {
      error: 'policies_break_live_journeys',
      message: '此允许发送时段会使运行中的旅程没有可发送的时间,未保存',
      problems: [{ code: 'window.outside_allowed', severity: 'error', path: '/journeys/wake-up-45-days/settings/sendWindow', message: { en: '', zh: journey }, text: journey }],
    }
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) =>
        init?.method === 'PUT'
          ? new Response(JSON.stringify(refusal), { status: 409, headers: { 'content-type': 'application/json' } })
          : new Response(JSON.stringify(defaultPolicies()), { status: 200, headers: { 'content-type': 'application/json' } }),
      ),
    )
    render(<PoliciesSection />)
    fireEvent.click(await screen.findByRole('button', { name: '保存' }))
    const alert = await screen.findByRole('alert')
    expect([...alert.querySelectorAll('p')].map((line) => line.textContent)).toEqual([refusal.message, journey])
  })

  it('removes a cap rather than saving "at most 0"', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const sent: { caps: unknown[] }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.method === 'PUT') sent.push(JSON.parse(String(init.body)))
        return new Response(JSON.stringify(sent.at(-1) ?? defaultPolicies()), { status: 200, headers: { 'content-type': 'application/json' } })
      }),
    )
    render(<PoliciesSection />)
    fireEvent.click((await screen.findAllByRole('button', { name: 'Remove cap' }))[0] as HTMLElement)
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Saved')
    expect(sent[0]?.caps).toEqual(defaultPolicies().caps.slice(1))
  })
})
