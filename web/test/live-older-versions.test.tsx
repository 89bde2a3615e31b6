import type { JourneyDocument, LiveSnapshot, NodeSnapshot } from '@recall/shared'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { useEditor } from '../src/editor/store'
import { json, record, serve, streamSays, stubPresence } from './editor-server'
import { template } from './helpers'

beforeAll(stubPresence)

const CART = template('abandoned-cart')
/** v1 waited three days after the reminder, under another node id; v2 (live, drawn) waits one. */
const V1: JourneyDocument = {
  ...CART,
  id: 'j1',
  nodes: CART.nodes.map((node) =>
    node.id === 'wait-1-day' ? { ...node, id: 'wait-3-days', data: { mode: 'duration', duration: { amount: 3, unit: 'days' } } } : node,
  ) as JourneyDocument['nodes'],
}
const PUBLISHED_V1 = '2026-11-01T02:00:00.000Z'

const counts = (given: Partial<NodeSnapshot>): NodeSnapshot => ({ active: 0, sent: 0, delivered: 0, clicked: 0, failed: 0, redeemed: 0, ...given })
const snapshot = (given: Partial<LiveSnapshot>): LiveSnapshot => ({
  liveVersion: 2,
  nodes: { 'wait-for-order': counts({ active: 2 }), 'cart-reminder': counts({ sent: 9, delivered: 9 }) },
  olderVersions: [{ version: 1, publishedAt: PUBLISHED_V1, active: 5, nodes: { 'wait-for-order': 2, 'wait-3-days': 3 } }],
  edges: {},
  totals: { ...counts({ active: 7, sent: 9, delivered: 9 }), messaged: 9, optedOut: 0, deliveryRate: null, unsubscribeRate: null },
  thresholds: { deliveryRateMin: 0.95, unsubscribeRateMax: 0.02 },
  alarms: [],
  ...given,
})

const countsOn = (nodeId: string) => screen.queryByTestId(`counts-${nodeId}`)?.textContent ?? null
const panel = () => screen.queryByTestId('older-versions')

/** j1 live at v2 in the Live view; answers v1's document and who waits at its nodes, and keeps the contact lists asked for. */
async function openLiveView(locale: 'en' | 'zh-CN') {
  useLocaleStore.setState({ locale })
  signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true }, csrfToken: 'c' })
  const asked: string[] = []
  serve(record('live'), undefined, (url) => {
    if (url.endsWith('/versions/1')) return json({ document: V1 })
    if (!url.includes('/nodes/')) return undefined
    asked.push(url)
    const version = new URL(url, 'http://x').searchParams.get('version')
    return json({ contacts: [{ enrollmentId: 'e1', externalId: version === '1' ? 'OLD-1' : 'NEW-1', name: '王五', phone: '13900000001', enteredAt: PUBLISHED_V1 }], next: null })
  })
  render(<EditorPage journeyId="j1" />)
  await screen.findByRole('heading', { level: 1 })
  fireEvent.click(screen.getByRole('button', { name: locale === 'en' ? '● Live' : '● 实时' }))
  await screen.findByTestId('live-version')
  return asked
}

describe('contacts still on older versions in the Live view', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('says how many contacts are on older versions, lists each with its nodes, and shows who waits at one of them', async () => {
    const asked = await openLiveView('en')
    streamSays('/journeys/j1/live', snapshot({}))
    // The canvas draws v2: its node counts only v2's two contacts, not v1's two at the same node.
    expect([countsOn('wait-for-order'), countsOn('wait-1-day')]).toEqual(['2 here now', null])
    const older = panel() as HTMLElement
    expect(within(older).getByRole('heading').textContent).toBe('5 contacts are still on older versions')
    expect(older.querySelector('.hint')?.textContent).toBe('Contacts stay on the version they entered until they leave the journey; the canvas counts only v2’s.')
    const v1 = screen.getByTestId('older-version-1')
    expect(v1.querySelector('strong')?.textContent).toBe(`v1 · published ${new Date(PUBLISHED_V1).toLocaleString('en')} · 5 contacts`)
    // By id, with what the canvas says on them once v1 is fetched; the busiest first.
    await vi.waitFor(() =>
      expect(
        within(v1)
          .getAllByRole('button')
          .map((button) => button.textContent),
      ).toEqual(['wait-3-days Wait 3 days: 3', 'wait-for-order Wait for order_placed · up to 1 hour: 2']),
    )

    fireEvent.click(within(v1).getByRole('button', { name: /^wait-3-days/ }))
    const list = await within(older).findByRole('region', { name: 'Contacts waiting at' })
    expect(within(list).getByRole('heading').textContent).toBe('Contacts waiting at wait-3-days on v1')
    await within(list).findByText('OLD-1')
    expect(asked).toEqual(['/api/journeys/j1/nodes/wait-3-days/contacts?version=1&search='])

    // A node chosen on the canvas lists the drawn version's contacts there instead.
    act(() => useEditor.getState().select(['wait-for-order']))
    await screen.findByText('NEW-1')
    expect([asked.at(-1), screen.getAllByRole('region', { name: 'Contacts waiting at' }).length]).toEqual(['/api/journeys/j1/nodes/wait-for-order/contacts?version=2&search=', 1])
  })

  it('says one contact, shows nothing when no contact is on an older version, and draws no counts of a version the canvas does not draw', async () => {
    await openLiveView('en')
    streamSays('/journeys/j1/live', snapshot({ olderVersions: [{ version: 1, publishedAt: PUBLISHED_V1, active: 1, nodes: { 'wait-3-days': 1 } }] }))
    expect([within(panel() as HTMLElement).getByRole('heading').textContent, screen.getByTestId('older-version-1').querySelector('strong')?.textContent]).toEqual([
      '1 contact is still on an older version',
      `v1 · published ${new Date(PUBLISHED_V1).toLocaleString('en')} · 1 contact`,
    ])
    streamSays('/journeys/j1/live', snapshot({ olderVersions: [] }))
    expect([panel(), countsOn('wait-for-order')]).toEqual([null, '2 here now'])
    // v3 went live and the page has not drawn it yet: its counts are not put on v2's nodes.
    streamSays('/journeys/j1/live', snapshot({ liveVersion: 3 }))
    expect([countsOn('wait-for-order'), countsOn('cart-reminder')]).toEqual([null, null])
  })

  it('says it all in Chinese', async () => {
    await openLiveView('zh-CN')
    streamSays('/journeys/j1/live', snapshot({}))
    const older = panel() as HTMLElement
    expect(older.getAttribute('aria-label')).toBe('旧版本')
    expect(within(older).getByRole('heading').textContent).toBe('仍有 5 位联系人停留在旧版本上')
    expect(older.querySelector('.hint')?.textContent).toBe('联系人会一直停留在进入时的版本,直到离开旅程;画布上只统计第 2 版的联系人。')
    const v1 = screen.getByTestId('older-version-1')
    expect(v1.querySelector('strong')?.textContent).toBe(`第 1 版 · 发布于 ${new Date(PUBLISHED_V1).toLocaleString('zh-CN')} · 5 位联系人`)
    await vi.waitFor(() => expect(within(v1).getAllByRole('button')[0]?.textContent).toBe('wait-3-days 等待 3 天: 3'))
    expect(within(v1).getAllByRole('button')[0]?.getAttribute('title')).toBe('查看第 1 版在 wait-3-days 的联系人')
    fireEvent.click(within(v1).getAllByRole('button')[0] as HTMLElement)
    const list = await within(older).findByRole('region', { name: '等待于此节点的联系人' })
    expect(within(list).getByRole('heading').textContent).toBe('等待于此节点的联系人 wait-3-days (第 1 版)')
    streamSays('/journeys/j1/live', snapshot({ olderVersions: [{ version: 1, publishedAt: PUBLISHED_V1, active: 1, nodes: { 'wait-3-days': 1 } }] }))
    expect(within(older).getAllByRole('heading')[0]?.textContent).toBe('仍有 1 位联系人停留在旧版本上')
  })
})
