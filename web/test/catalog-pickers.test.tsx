import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useCatalog } from '../src/app/catalog'
import { useLocaleStore } from '../src/app/locale'
import { AttributePicker, EventPicker } from '../src/inspector/CatalogPickers'
import { ConditionBuilder } from '../src/inspector/ConditionBuilder'

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
/** The catalog as the server answers it after a contacts import and some orders. */
const CATALOG = {
  attributes: [
    { name: 'points', type: 'number', examples: [1200, 30] },
    { name: 'tier', type: 'string', examples: ['gold', 'silver'] },
  ],
  events: [{ name: 'order_paid', count: 1234 }],
}

describe('catalog pickers', () => {
  beforeEach(() => useCatalog.setState({ catalog: undefined, requested: false }))
  afterEach(() => vi.unstubAllGlobals())

  it('lists the attributes an import brought, with type and examples, and warns about a name no contact has', async () => {
    useLocaleStore.setState({ locale: 'en' })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(CATALOG)),
    )
    const onChange = vi.fn()
    const { rerender, container } = render(<AttributePicker value="tier" onChange={onChange} label="Attribute" />)
    await vi.waitFor(() => expect(container.querySelectorAll('datalist option')).toHaveLength(2))
    expect([...container.querySelectorAll('datalist option')].map((option) => [option.getAttribute('value'), option.getAttribute('label')])).toEqual([
      ['points', 'number · e.g. 1200, 30'],
      ['tier', 'string · e.g. gold, silver'],
    ])
    const input = screen.getByRole('combobox', { name: 'Attribute' })
    expect(input.getAttribute('list')).toBe(container.querySelector('datalist')?.id)
    expect(screen.queryByRole('note')).toBeNull()
    fireEvent.change(input, { target: { value: 'teir' } })
    expect(onChange).toHaveBeenCalledWith('teir')
    // Free text stays allowed: the typo is kept, with a warning.
    rerender(<AttributePicker value="teir" onChange={onChange} label="Attribute" />)
    expect(screen.getByRole('note').textContent).toBe('No contact has this attribute')
  })

  it('offers event names with their 30-day counts, in Chinese too', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(CATALOG)),
    )
    const { container } = render(<EventPicker value="order_placed" onChange={() => {}} label="事件" />)
    await vi.waitFor(() => expect(container.querySelector('datalist option')?.getAttribute('label')).toBe('近 30 天 1,234 次'))
    expect(screen.getByRole('note').textContent).toBe('近 30 天没有此事件')
  })

  it('shows how many contacts a split branch selects', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const asked: unknown[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url === '/api/catalog') return json(CATALOG)
        asked.push(JSON.parse(String(init?.body)))
        return json({ count: 41_500, total: 1_000_000, sampled: 2000, exact: false })
      }),
    )
    const group = { match: 'all' as const, conditions: [{ kind: 'attribute' as const, attribute: 'tier', operator: 'eq' as const, value: 'gold' }] }
    render(<ConditionBuilder group={group} onChange={() => {}} />)
    expect((await screen.findByTestId('estimated-count')).textContent).toBe('About 41,500 contacts match (estimated from a sample)')
    expect(asked).toEqual([{ condition: group }])
  })
})
