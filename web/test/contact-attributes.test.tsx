import { render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ContactDetail } from '../src/pages/contacts/ContactDetail'

const attributes = { tier: 'gold', name: '王女士', points: 12500, vip: true, last_order_at: '2026-07-01T04:00:00Z', tags: ['coffee', 'tea'], coupon: null }

describe('a contact’s attributes', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('reads as a table of names and values, not raw JSON', async () => {
    useLocaleStore.setState({ locale: 'en' })
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              contact: { externalId: 'M-3', phone: '+8613812345678', timeZone: 'Asia/Shanghai', consent: true, suppressed: false, attributes },
              enrollments: [],
              messages: [],
            }),
            { status: 200, headers: { 'content-type': 'application/json' } },
          ),
      ),
    )
    render(<ContactDetail externalId="M-3" onDeleted={() => {}} />)
    const table = await screen.findByRole('table', { name: 'Attributes' })
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent))
    expect(rows).toEqual([
      ['coupon', '—'],
      ['last_order_at', new Date('2026-07-01T04:00:00Z').toLocaleString('en')],
      ['name', '王女士'],
      ['points', '12,500'],
      ['tags', 'coffee, tea'],
      ['tier', 'gold'],
      ['vip', 'yes'],
    ])
    expect(document.querySelector('pre')).toBeNull()
  })
})
