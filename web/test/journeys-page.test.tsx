import type { JourneyListItem } from '@recall/shared'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { signedIn, signedOut } from '../src/app/session'
import { JourneysPage } from '../src/pages/JourneysPage'
import { visibleJourneys } from '../src/pages/journeys/journey-list'

const row = (id: string, name: string, status: JourneyListItem['status'], updatedAt: string, liveVersion: number | null = null): JourneyListItem => ({
  id,
  name,
  status,
  liveVersion,
  updatedAt,
  activeContacts: 0,
  schedule: null,
  alarms: [],
  tags: [],
})
const JOURNEYS = [
  row('win-back', '90 天流失挽回', 'live', '2026-11-01T00:00:00Z', 2),
  row('cart', 'Abandoned cart', 'draft', '2026-11-03T00:00:00Z'),
  row('old', 'Old promo', 'archived', '2026-10-01T00:00:00Z', 1),
  row('birthday', 'Birthday', 'paused', '2026-11-02T00:00:00Z', 1),
]

describe('the journeys page', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    signedOut()
  })

  it('sorts by last change or status, searches by name or id, and hides archived ones unless asked', () => {
    const ids = (options: Parameters<typeof visibleJourneys>[1]) => visibleJourneys(JOURNEYS, options).map((journey) => journey.id)
    expect(ids({ search: '', sort: 'updated', showArchived: false })).toEqual(['cart', 'birthday', 'win-back'])
    expect(ids({ search: '', sort: 'status', showArchived: true })).toEqual(['win-back', 'birthday', 'cart', 'old'])
    expect(ids({ search: '挽回', sort: 'updated', showArchived: false })).toEqual(['win-back'])
    expect(ids({ search: 'CART', sort: 'updated', showArchived: false })).toEqual(['cart'])
  })

  it('shows a viewer why they cannot change journeys, without the buttons the server would refuse, in both languages', async () => {
    const changes: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if ((init?.method ?? 'GET') !== 'GET') changes.push(`${init?.method} ${url}`)
        const body = url.endsWith('/journeys') ? { journeys: JOURNEYS.map((journey) => ({ ...journey, tags: ['vip'] })) } : { alarms: [] }
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
      }),
    )
    const reasons = {
      en: 'You can open journeys and watch how they run. Creating, duplicating, tagging, archiving and deleting journeys take the editor or admin role.',
      'zh-CN': '你可以打开旅程并查看运行情况。新建、复制、添加标签、归档和删除旅程需要编辑者或管理员角色。',
    }
    for (const [locale, newBlank, use] of [
      ['en', '+ New blank journey', 'Use this template'],
      ['zh-CN', '+ 新建空白旅程', '使用此模板'],
    ] as const) {
      useLocaleStore.setState({ locale })
      signedIn({ user: { userId: 'v', email: 'v@shop.example', name: 'Vera', role: 'viewer', canPublish: false }, csrfToken: 'c' })
      const { unmount } = render(<JourneysPage />)
      const cart = (await screen.findByRole('link', { name: 'Abandoned cart' })).closest('tr') as HTMLElement
      expect(screen.getByRole('status').textContent).toBe(reasons[locale])
      // Each row keeps its link (a read-only editor) and its tags, and offers nothing that changes it.
      expect([within(cart).queryAllByRole('button').length, within(cart).queryAllByRole('textbox').length, within(cart).getByRole('listitem').textContent]).toEqual([0, 0, 'vip'])
      expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toHaveLength(5)
      const creators = [screen.getByRole('button', { name: newBlank }), ...screen.getAllByRole('button', { name: use })]
      expect(creators.map((button) => [(button as HTMLButtonElement).disabled, button.getAttribute('aria-describedby')])).toEqual(
        creators.map(() => [true, 'journeys-viewer-reason']),
      )
      for (const button of creators) fireEvent.click(button)
      unmount()
    }
    expect(changes).toEqual([])
    // An editor has them all.
    useLocaleStore.setState({ locale: 'en' })
    signedIn({ user: { userId: 'e', email: 'e@shop.example', name: 'Ed', role: 'editor', canPublish: true }, csrfToken: 'c' })
    render(<JourneysPage />)
    const cart = (await screen.findByRole('link', { name: 'Abandoned cart' })).closest('tr') as HTMLElement
    expect(
      within(cart)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['×', '+ Tag', 'Duplicate', 'Delete'])
    expect([screen.queryByRole('status'), (screen.getByRole('button', { name: '+ New blank journey' }) as HTMLButtonElement).disabled]).toEqual([null, false])
  })

  it('creates a blank journey, and deletes a draft or archives a published one only after asking', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const calls: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const method = init?.method ?? 'GET'
        if (method !== 'GET')
          calls.push(
            `${method} ${url} ${
              method === 'POST' && init?.body
                ? JSON.parse(String(init.body))
                    .nodes.map((node: { type: string }) => node.type)
                    .join('+')
                : ''
            }`.trim(),
          )
        const body = url.endsWith('/journeys') ? { journeys: JOURNEYS } : { alarms: [] }
        return method === 'DELETE' ? new Response(null, { status: 204 }) : new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
      }),
    )
    render(<JourneysPage />)
    const cart = (await screen.findByRole('link', { name: 'Abandoned cart' })).closest('tr') as HTMLElement
    fireEvent.click(within(cart).getByRole('button', { name: 'Delete' }))
    expect(calls).toEqual([])
    expect(within(cart).getByRole('alert').textContent).toContain('Delete this draft for good?')
    fireEvent.click(within(cart).getByRole('button', { name: 'Yes' }))
    const live = screen.getByRole('link', { name: '90 天流失挽回' }).closest('tr') as HTMLElement
    fireEvent.click(within(live).getByRole('button', { name: 'Archive' }))
    fireEvent.click(within(live).getByRole('button', { name: 'Yes' }))
    fireEvent.click(screen.getByRole('button', { name: '+ New blank journey' }))
    await vi.waitFor(() => expect(calls).toHaveLength(3))
    expect(calls).toEqual(['DELETE /api/journeys/cart', 'POST /api/journeys/win-back/archive', 'POST /api/journeys trigger+exit'])
  })

  it('shows a journey with no name as "Untitled journey", a link that opens it, in both languages', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const body = url.endsWith('/journeys') ? { journeys: [row('blank-1', '', 'draft', '2026-11-04T00:00:00Z')] } : { alarms: [] }
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
      }),
    )
    useLocaleStore.setState({ locale: 'en' })
    const { unmount } = render(<JourneysPage />)
    const link = await screen.findByRole('link', { name: 'Untitled journey' })
    expect(link.getAttribute('href')).toBe('#/journeys/blank-1')
    expect(link.querySelector('.placeholder')?.textContent).toBe('Untitled journey')
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<JourneysPage />)
    expect((await screen.findByRole('link', { name: '未命名旅程' })).getAttribute('href')).toBe('#/journeys/blank-1')
  })
})
