import type { JourneyListItem } from '@recall/shared'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { JourneysPage } from '../src/pages/JourneysPage'

const row = (id: string, name: string, tags: string[]): JourneyListItem => ({
  id,
  name,
  status: 'draft',
  liveVersion: null,
  updatedAt: '2026-11-01T00:00:00Z',
  schedule: null,
  activeContacts: 0,
  alarms: [],
  tags,
})

/** A server holding the list; PUT …/tags replaces a journey's tags, or answers `refusal` when one is set. */
function serve(journeys: JourneyListItem[], refusal?: object) {
  const puts: { url: string; body: unknown }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
      if (init?.method === 'PUT') {
        const body = JSON.parse(String(init.body)) as { tags: string[] }
        puts.push({ url, body })
        if (refusal) return json(refusal, 400)
        const journey = journeys.find((candidate) => url.endsWith(`/journeys/${candidate.id}/tags`)) as JourneyListItem
        journey.tags = body.tags
        return json({ id: journey.id, tags: body.tags })
      }
      return json(url.endsWith('/journeys') ? { journeys } : { alarms: [] })
    }),
  )
  return puts
}

const names = () => screen.getAllByRole('link').map((link) => link.textContent)

describe('tags on the journeys page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows each journey with its tags, filters by one, adds one and removes one', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const puts = serve([row('cart', 'Abandoned cart', ['Retail', '双十一']), row('birthday', 'Birthday', ['Retail']), row('vip', 'VIP', [])])
    render(<JourneysPage />)
    await screen.findByRole('link', { name: 'Abandoned cart' })
    expect(
      within(screen.getByRole('list', { name: 'Tags of Abandoned cart' }))
        .getAllByRole('listitem')
        .map((chip) => chip.textContent),
    ).toEqual(['Retail×', '双十一×'])
    const filter = screen.getByRole('combobox', { name: 'Tag' })
    expect(
      within(filter)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All tags', '双十一', 'Retail'])
    fireEvent.change(filter, { target: { value: '双十一' } })
    expect(names()).toEqual(['Abandoned cart'])
    fireEvent.change(filter, { target: { value: '' } })
    expect(names()).toEqual(['Abandoned cart', 'Birthday', 'VIP'])
    fireEvent.change(screen.getByRole('textbox', { name: 'Add a tag to VIP' }), { target: { value: ' Gold ' } })
    fireEvent.click(within(screen.getByRole('link', { name: 'VIP' }).closest('td') as HTMLElement).getByRole('button', { name: '+ Tag' }))
    await screen.findByRole('button', { name: 'Remove tag Gold' })
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove tag Retail' })[1] as HTMLElement)
    await waitFor(() => expect(screen.queryAllByRole('button', { name: 'Remove tag Retail' })).toHaveLength(1))
    expect(puts).toEqual([
      { url: '/api/journeys/vip/tags', body: { tags: [' Gold '] } },
      { url: '/api/journeys/birthday/tags', body: { tags: [] } },
    ])
  })

  it('says in Chinese why a tag was refused, next to the journey', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    serve([row('cart', '购物车挽回', [])], {
      error: 'invalid_request',
      message: '标签最多 30 个字符',
      problems: [{ code: 'schema.maxLength', severity: 'error', path: '/body/tags/0', text: '标签最多 30 个字符' }],
    })
    render(<JourneysPage />)
    await screen.findByRole('link', { name: '购物车挽回' })
    fireEvent.change(screen.getByRole('textbox', { name: '为 购物车挽回 添加标签' }), { target: { value: 'x'.repeat(31) } })
    fireEvent.submit(screen.getByRole('textbox', { name: '为 购物车挽回 添加标签' }).closest('form') as HTMLFormElement)
    expect((await screen.findByRole('alert')).textContent).toBe('标签最多 30 个字符')
    expect(screen.getByRole('combobox', { name: '标签' })).toBeTruthy()
  })
})
