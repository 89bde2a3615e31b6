import type { JourneyDocument, LiveSnapshot, NodeSnapshot } from '@recall/shared'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { openVersion } from '../src/editor/journey-loader'
import { useEditor } from '../src/editor/store'
import { json, record, serve, streamSays, stubPresence } from './editor-server'
import { template } from './helpers'

beforeAll(stubPresence)

/** The draft: the abandoned-cart template, which adds a day's wait and a coupon after the reminder. */
const DRAFT: JourneyDocument = { ...template('abandoned-cart'), id: 'j1', name: 'Cart reminder' }
const byId = (id: string) => DRAFT.nodes.find((node) => node.id === id) as JourneyDocument['nodes'][number]
/** Live v2: the reminder leads to an old coupon and then out; the draft removed that coupon. */
const LIVE_V2: JourneyDocument = {
  ...DRAFT,
  nodes: [
    byId('trigger'),
    byId('wait-for-order'),
    byId('cart-reminder'),
    { ...(byId('cart-coupon') as Extract<JourneyDocument['nodes'][number], { type: 'send_sms' }>), id: 'old-coupon' },
    byId('done'),
    byId('purchased'),
  ],
  edges: [
    ...DRAFT.edges.filter((edge) => ['e-trigger-out', 'e-wait-for-order-event', 'e-wait-for-order-timeout'].includes(edge.id)),
    { id: 'e-reminder-old', source: 'cart-reminder', sourceHandle: 'out', target: 'old-coupon' },
    { id: 'e-old-done', source: 'old-coupon', sourceHandle: 'out', target: 'done' },
  ],
}

const counts = (given: Partial<NodeSnapshot>): NodeSnapshot => ({ active: 0, sent: 0, delivered: 0, clicked: 0, failed: 0, redeemed: 0, ...given })
const SNAPSHOT: LiveSnapshot = {
  liveVersion: 2,
  olderVersions: [],
  nodes: { 'cart-reminder': counts({ sent: 120, delivered: 118 }), 'old-coupon': counts({ active: 7, sent: 40 }) },
  edges: { 'e-reminder-old': 95 },
  totals: { ...counts({ active: 7, sent: 160, delivered: 118 }), messaged: 120, optedOut: 0, deliveryRate: 0.98, unsubscribeRate: 0 },
  thresholds: { deliveryRateMin: 0.95, unsubscribeRateMax: 0.02 },
  alarms: [],
}

const drawnNodes = () => [...document.querySelectorAll('.react-flow__node [data-node-id]')].map((node) => node.getAttribute('data-node-id'))
const countsOn = (nodeId: string) => screen.queryByTestId(`counts-${nodeId}`)?.textContent ?? null

/** The documents the Preview panel sent the server to render, in order. */
const previewed: JourneyDocument[] = []
/** The preview follows a pause in editing, then asks the server: on a loaded machine that can take seconds, far below this bound. */
const RENDERED = { timeout: 15_000 }

/** j1 live at v2 in the editor, its draft changed since; answers the version requests made. */
async function openLiveJourney(locale: 'en' | 'zh-CN', live: JourneyDocument = LIVE_V2) {
  useLocaleStore.setState({ locale })
  signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true }, csrfToken: 'c' })
  const journey = record('live')
  journey.journey.draft = DRAFT
  const versions: string[] = []
  serve(journey, undefined, (url, init) => {
    // The Live panel's other parts, with nothing to show yet.
    if (url.includes('/series')) return json({ error: 'not_found', message: 'No chart in this test', problems: [] }, 404)
    if (url.endsWith('/ab')) return json({ splits: [] })
    if (url.endsWith('/control-group')) return json({ controlGroupPercent: 0, heldOut: { contacts: 0 } })
    if (url.endsWith('/preview')) {
      previewed.push((JSON.parse(String(init.body)) as { document: JourneyDocument }).document)
      return json({ contact: { id: 'sample', sample: true, name: '张女士' }, incomplete: [], messages: [] })
    }
    if (!url.includes('/versions/')) return undefined
    versions.push(url)
    return json({ document: live })
  })
  render(<EditorPage journeyId="j1" />)
  await screen.findByRole('heading', { level: 1 })
  return versions
}

describe('the Live view', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
    previewed.length = 0
  })

  it('previews the live version while the Live view is on, saying which version the Preview shows, and the draft again when it closes', async () => {
    await openLiveJourney('en')
    const previewOf = () => screen.getByTestId('preview-of').textContent
    fireEvent.click(screen.getByRole('button', { name: 'Preview as contact' }))
    await vi.waitFor(() => expect(previewed).toEqual([DRAFT]), RENDERED)
    expect(previewOf()).toBe('Previewing the draft')

    fireEvent.click(screen.getByRole('button', { name: '● Live' }))
    await screen.findByTestId('live-version')
    await vi.waitFor(() => expect(previewed).toEqual([DRAFT, LIVE_V2]), RENDERED)
    expect(previewOf()).toBe('Previewing the live version, v2: the messages contacts get now')
    act(() => useLocaleStore.setState({ locale: 'zh-CN' }))
    expect(previewOf()).toBe('预览的是线上版本(第 2 版):联系人现在收到的消息')

    fireEvent.click(screen.getByRole('button', { name: '● 实时' }))
    await vi.waitFor(() => expect(previewed).toEqual([DRAFT, LIVE_V2, DRAFT]), RENDERED)
    expect(previewOf()).toBe('预览的是草稿')
  })

  it('draws the live version with its counts, says which one and how the draft differs, and gives the draft back untouched when closed', async () => {
    const versions = await openLiveJourney('en')
    const draftNodes = ['trigger', 'wait-for-order', 'cart-reminder', 'wait-1-day', 'cart-coupon', 'done', 'purchased']
    expect(drawnNodes()).toEqual(draftNodes)
    // The versions list fetched the live version to compare with: what counts is the Live view's own request.
    versions.length = 0
    const draft = useEditor.getState().document
    fireEvent.click(screen.getByRole('button', { name: '● Live' }))
    const notice = await screen.findByTestId('live-version')
    expect(notice.textContent).toBe(
      'Live view: showing v2, the version contacts are in; the counts are of it. The draft differs from it (2 nodes added, 1 node removed, 1 node changed); close the Live view to see and edit the draft.',
    )
    expect([versions, drawnNodes()]).toEqual([['/api/journeys/j1/versions/2'], ['trigger', 'wait-for-order', 'cart-reminder', 'old-coupon', 'done', 'purchased']])
    streamSays('/journeys/j1/live', SNAPSHOT)
    // (jsdom lays nothing out, so React Flow draws no edges here: the counts on the nodes are what show.)
    expect([countsOn('old-coupon'), countsOn('cart-reminder')]).toEqual(['7 here now40 sent', '120 sent118 delivered'])
    // The draft is as it was, and nothing on screen edits it while the live version is drawn.
    expect(useEditor.getState().document).toBe(draft)
    act(() => useEditor.getState().edit({ ...DRAFT, name: 'Changed in the Live view' }))
    expect([useEditor.getState().document === draft, (screen.getByRole('button', { name: /Auto-layout/ }) as HTMLButtonElement).disabled]).toEqual([true, true])

    fireEvent.click(screen.getByRole('button', { name: '● Live' }))
    expect([drawnNodes(), screen.queryByTestId('live-version'), countsOn('cart-reminder'), useEditor.getState().liveShown]).toEqual([draftNodes, null, null, undefined])
  })

  it('says so in Chinese, and says when the draft is the same as the live version', async () => {
    await openLiveJourney('zh-CN')
    fireEvent.click(screen.getByRole('button', { name: '● 实时' }))
    expect((await screen.findByTestId('live-version')).textContent).toBe(
      '实时监控:显示的是第 2 版,即联系人正在运行的版本;计数均来自此版本。 草稿与此版本不同(新增 2 个节点、删除 1 个节点、修改 1 个节点);关闭实时监控即可查看和编辑草稿。',
    )
    cleanup()
    await openLiveJourney('en', DRAFT)
    fireEvent.click(screen.getByRole('button', { name: '● Live' }))
    expect((await screen.findByTestId('live-version')).textContent).toBe('Live view: showing v2, the version contacts are in; the counts are of it. The draft is the same as v2.')
  })

  it('keeps Publish off in the Live view and says why beside it, as when a published version is shown; the draft can be published again once it is drawn', async () => {
    await openLiveJourney('en')
    const publish = () => screen.getByRole('button', { name: 'Publish' }) as HTMLButtonElement
    const reason = () => screen.getByRole('toolbar').querySelector('.toolbar__reason')?.textContent ?? null
    expect([publish().disabled, reason()]).toEqual([false, null])
    fireEvent.click(screen.getByRole('button', { name: '● Live' }))
    await screen.findByTestId('live-version')
    const inLiveView = 'Publish sends the draft, and the Live view shows the live version: close the Live view to see the draft and publish it'
    expect([publish().disabled, reason(), publish().title]).toEqual([true, inLiveView, inLiveView])
    fireEvent.click(screen.getByRole('button', { name: '● Live' }))
    expect([publish().disabled, reason()]).toEqual([false, null])

    await act(() => openVersion('j1', 2))
    expect([publish().disabled, reason()]).toEqual([true, 'Publish sends the draft, and a published version is shown: go back to the draft to publish it'])
  })

  it('says in the inspector that its hints are about the live version in the Live view, and leaves the draft’s problems out', async () => {
    await openLiveJourney('en')
    // The draft lost its name (a problem of the draft, not of v2, which is called "Cart reminder").
    act(() => useEditor.getState().edit({ ...DRAFT, name: '' }))
    const inspector = () => document.querySelector('.inspector') as HTMLElement
    const shown = () => [inspector().querySelector('input')?.value, within(inspector()).queryByRole('alert')?.textContent ?? null]
    expect(shown()).toEqual(['', 'Give the journey a name'])
    fireEvent.click(screen.getByRole('button', { name: '● Live' }))
    await screen.findByTestId('live-version')
    expect(shown()).toEqual(['Cart reminder', null])
    // No event of that name in the catalog: the warning says whose event name it is.
    act(() => useEditor.getState().select(['wait-for-order']))
    expect(within(inspector()).getByRole('note').textContent).toBe('Live v2: No such event in 30 days')

    fireEvent.click(screen.getByRole('button', { name: '● Live' }))
    act(() => useEditor.getState().select(['wait-for-order']))
    expect(within(inspector()).getByRole('note').textContent).toBe('No such event in 30 days')
  })

  it('says both in Chinese', async () => {
    await openLiveJourney('zh-CN')
    fireEvent.click(screen.getByRole('button', { name: '● 实时' }))
    await screen.findByTestId('live-version')
    act(() => useEditor.getState().select(['wait-for-order']))
    expect([
      screen.getByRole('toolbar').querySelector('.toolbar__reason')?.textContent,
      within(document.querySelector('.inspector') as HTMLElement).getByRole('note').textContent,
    ]).toEqual(['发布的是草稿,而实时监控显示的是线上版本:关闭实时监控即可查看并发布草稿', '线上第 2 版:近 30 天没有此事件'])
  })
})
