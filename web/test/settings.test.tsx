import { fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { PoliciesSection } from '../src/pages/settings/PoliciesSection'

const POLICIES = { defaultTimeZone: 'Asia/Shanghai', categoryWindows: {}, caps: [], dailyMessageCeiling: 10, holidays: [], spreadHeldMinutes: 0, shortLinkBase: 'https://rcl.to' }

/** Answers GET with POLICIES and PUT with what was sent; returns the bodies PUT. */
function stubPoliciesApi(): unknown[] {
  const sent: unknown[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === 'PUT') sent.push(JSON.parse(String(init.body)))
      return new Response(JSON.stringify(init?.method === 'PUT' ? sent.at(-1) : POLICIES), { status: 200, headers: { 'content-type': 'application/json' } })
    }),
  )
  return sent
}

describe('send policies in settings', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('adds a holiday and a marketing window and saves them', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const sent = stubPoliciesApi()
    render(<PoliciesSection />)
    fireEvent.click(await screen.findByRole('button', { name: '+ Add a holiday' }))
    fireEvent.change(screen.getByLabelText('date'), { target: { value: '2027-02-06' } })
    fireEvent.click(screen.getAllByRole('button', { name: '+ Add a time slot' })[1] as HTMLElement)
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Saved')
    expect(sent).toEqual([
      {
        ...POLICIES,
        holidays: [{ date: '2027-02-06', start: '10:00', end: '20:00' }],
        categoryWindows: { marketing: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '18:00', end: '20:00' }] },
      },
    ])
  })

  it('sets the daily ceiling per contact, labelled and explained in Chinese', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const sent = stubPoliciesApi()
    render(<PoliciesSection />)
    const field = (await screen.findByText('每日上限:每位联系人任意 24 小时内最多收到的消息数')).closest('label') as HTMLElement
    expect(field.textContent).toContain('统计所有旅程的全部消息(含通知类)')
    fireEvent.change(within(field).getByRole('spinbutton'), { target: { value: '6' } })
    fireEvent.click(screen.getByRole('button', { name: '保存' }))
    await screen.findByText('已保存')
    expect(sent).toEqual([{ ...POLICIES, dailyMessageCeiling: 6 }])
  })
})
