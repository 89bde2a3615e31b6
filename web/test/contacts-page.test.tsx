import { fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ContactsPage } from '../src/pages/ContactsPage'

const contact = (externalId: string, name: string, suppressed = false) => ({ externalId, name, phone: '+8613812345678', timeZone: 'Asia/Shanghai', consent: true, suppressed })
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })

/** A contacts API that answers a page of two, the next page after M-2, and a search for 王. */
function contactsApi(requested: string[]) {
  return vi.fn(async (url: string, init?: RequestInit) => {
    requested.push(init?.method === 'DELETE' ? `DELETE ${url}` : url)
    if (init?.method === 'DELETE') return new Response(null, { status: 204 })
    const query = new URL(url, 'http://recall.test').searchParams
    if (url.startsWith('/api/contacts/M-3'))
      return json({
        contact: { ...contact('M-3', '王女士'), attributes: { name: '王女士' } },
        enrollments: [
          {
            id: 'e1',
            journeyId: 'win-back',
            version: 1,
            status: 'active',
            nodeId: 'wait',
            timeline: [{ at: '2026-11-24T02:00:00Z', kind: 'held', nodeId: 'sms', message: { en: 'held: outside 08:00–21:00', zh: '暂缓:不在 08:00–21:00 内' } }],
          },
        ],
        messages: [],
      })
    if (query.get('search') === '王') return json({ total: 1, contacts: [contact('M-3', '王女士')], next: null })
    if (query.get('after') === 'M-2') return json({ total: 3, contacts: [contact('M-3', '王女士', true)], next: null })
    return json({ total: 3, contacts: [contact('M-1', '张女士'), contact('M-2', '李先生')], next: 'M-2' })
  })
}

describe('contacts page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('pages through contacts, searches, and opens one beside the list without losing the search', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const requested: string[] = []
    vi.stubGlobal('fetch', contactsApi(requested))
    render(<ContactsPage />)
    expect((await screen.findByTestId('contacts-total')).textContent).toBe('3 contacts')
    expect(screen.getAllByRole('link').map((link) => link.textContent)).toEqual(['M-1', 'M-2'])
    fireEvent.click(screen.getByRole('button', { name: 'More' }))
    await screen.findByText('opted out')
    expect(screen.getAllByRole('link').map((link) => link.textContent)).toEqual(['M-1', 'M-2', 'M-3'])
    expect(screen.queryByRole('button', { name: 'More' })).toBeNull()

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search id, name or phone' }), { target: { value: '王' } })
    await screen.findByText('1 contact')
    fireEvent.click(screen.getByRole('link', { name: 'M-3' }))
    const detail = await screen.findByRole('region', { name: 'M-3' })
    expect(within(detail).getByRole('listitem').textContent).toMatch(/ held: outside 08:00–21:00$/)
    expect(within(detail).getByText('No messages yet').className).toBe('hint')
    expect(window.location.hash).toBe('#/contacts?id=M-3')
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('王')
    expect(requested).toEqual(['/api/imports', '/api/contacts?search=', '/api/contacts?search=&after=M-2', `/api/contacts?search=${encodeURIComponent('王')}`, '/api/contacts/M-3'])

    // Deleting asks first, says what stays (the opt-out), then closes the contact and reloads the list.
    fireEvent.click(within(detail).getByRole('button', { name: 'Delete contact' }))
    const dialog = screen.getByRole('dialog', { name: 'Delete M-3?' })
    expect(dialog.textContent).toContain('An opt-out stays: on the suppression list for the number, and with the contact id')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete contact' }))
    expect((await screen.findByRole('status')).textContent).toBe('Deleted M-3')
    expect(screen.queryByRole('region', { name: 'M-3' })).toBeNull()
    expect(window.location.hash).toBe('#/contacts')
    expect(requested.slice(5)).toEqual(['DELETE /api/contacts/M-3', `/api/contacts?search=${encodeURIComponent('王')}`])
  })

  it('shows where each row’s sends are judged: its own zone, its number’s country, or the workspace’s zone', async () => {
    const rows = [
      { ...contact('Z-1', '张女士'), sendZones: { timeZone: 'Asia/Shanghai', zones: ['Asia/Shanghai'], source: 'contact' } },
      {
        ...contact('Z-2', 'Ms Smith'),
        phone: '+12125550100',
        timeZone: null,
        sendZones: { timeZone: 'America/New_York', zones: ['America/New_York', 'America/Chicago', 'America/Denver'], source: 'phone', country: 'US' },
      },
      { ...contact('Z-3', 'Mr Sato'), phone: '+819012345678', timeZone: null, sendZones: { timeZone: 'Asia/Tokyo', zones: ['Asia/Tokyo'], source: 'phone', country: 'JP' } },
      { ...contact('Z-4', '无号码'), phone: null, timeZone: null, sendZones: { timeZone: 'Asia/Shanghai', zones: ['Asia/Shanghai'], source: 'default' } },
    ]
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => (url.startsWith('/api/contacts') ? json({ total: 4, contacts: rows, next: null }) : json({ imports: [] }))),
    )
    const zoneCells = () =>
      screen
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('cell')[3]?.textContent)
    useLocaleStore.setState({ locale: 'en' })
    const { unmount } = render(<ContactsPage />)
    await screen.findByText('Z-4')
    expect(zoneCells()).toEqual(['Asia/Shanghai', 'United States: 3 zones (from number)', 'Asia/Tokyo (from number)', 'Asia/Shanghai (workspace default)'])
    expect(screen.getAllByRole('row')[2]?.querySelectorAll('td')[3]?.getAttribute('title')).toBe('America/New_York\nAmerica/Chicago\nAmerica/Denver')
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<ContactsPage />)
    await screen.findByText('Z-4')
    expect(zoneCells()).toEqual(['Asia/Shanghai', '美国:3 个时区(按号码)', 'Asia/Tokyo(按号码)', 'Asia/Shanghai(工作区默认)'])
  })
})
