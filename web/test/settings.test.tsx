import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { PoliciesSection } from '../src/pages/settings/PoliciesSection'

const POLICIES = { defaultTimeZone: 'Asia/Shanghai', categoryWindows: {}, caps: [], holidays: [], spreadHeldMinutes: 0, shortLinkBase: 'https://rcl.to' }

describe('send policies in settings', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('adds a holiday and a marketing window and saves them', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const sent: unknown[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.method === 'PUT') sent.push(JSON.parse(String(init.body)))
        return new Response(JSON.stringify(init?.method === 'PUT' ? sent.at(-1) : POLICIES), { status: 200, headers: { 'content-type': 'application/json' } })
      }),
    )
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
})
