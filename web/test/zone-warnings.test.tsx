import type { JourneyDocument, Problem } from '@recall/shared'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { problemsOf } from '../src/editor/problems'
import { useEditor } from '../src/editor/store'
import { json, record, serve, stubPresence } from './editor-server'

beforeAll(stubPresence)

/** What the server's validate and publish say of the draft's coupon SMS, sent after a wait until 20:30. */
const HELD: Problem = {
  code: 'zones.fixed_time_held',
  severity: 'warning',
  nodeId: 'cart-coupon',
  path: '/nodes/4',
  message: {
    en: 'Held for 3 contacts: sent at 20:30 local time (after "Until 20:30"), this message is outside the allowed sending hours in some of their zones. 2 contacts in every time zone of Canada (America/St_Johns … America/Vancouver) until 08:00 America/Whitehorse; 1 contact in America/New_York until 08:00 America/New_York',
    zh: '3 位联系人将被暂缓:该消息在当地时间 20:30 发送(在"等到 20:30"之后),不在他们部分时区的允许发送时段内。2 位联系人位于加拿大所有时区(America/St_Johns … America/Vancouver),暂缓至 08:00(America/Whitehorse);1 位联系人位于 America/New_York,暂缓至 08:00(America/New_York)',
  },
}
/** A problem of the document alone, which the editor finds itself: the server's copy is not shown twice. */
const DOCUMENT_ONLY: Problem = { code: 'graph.unreachable', severity: 'warning', nodeId: 'cart-reminder', path: '/nodes/2', message: { en: 'SERVER COPY', zh: '服务器副本' } }

const PUBLISHED = { version: 1, contactsAtRemovedNodes: 0, migrated: 0, cancelledSchedule: null, problems: [HELD] }

/** The editor page's server, answering validate with the zone warning and counting the asks; saves make revisions 4, 5, … */
function serveWithZoneWarnings() {
  const validates: number[] = []
  let revision = 3
  const saves = serve(
    record('draft'),
    () => json({ ...record('draft'), journey: { ...record('draft').journey, draftRevision: ++revision } }),
    (url, init) => {
      if (url === '/api/journeys/j1/validate' && init.method === 'POST') {
        validates.push(Date.now())
        return json({ problems: [DOCUMENT_ONLY, HELD] })
      }
      if (url === '/api/journeys/j1/publish') return json(PUBLISHED)
      if (url === '/api/journeys/j1/versions/1') return json({ document: record('draft').journey.draft })
      return undefined
    },
  )
  return { validates, saves }
}

const nodeProblem = (nodeId: string) => document.querySelector(`[data-node-id="${nodeId}"] .journey-node__problem`)?.textContent
const toolbarButton = (name: RegExp) => within(screen.getByRole('toolbar')).getByRole('button', { name }) as HTMLButtonElement
const items = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((item) => item.textContent)

function rename(name: string) {
  act(() => useEditor.getState().edit({ ...(useEditor.getState().document as JourneyDocument), name }, 'name'))
}

describe('where the draft’s sends would be held in its contacts’ zones, in the editor', () => {
  beforeEach(() => {
    localStorage.clear()
    signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true }, csrfToken: 'c' })
  })
  afterEach(() => vi.unstubAllGlobals())

  it.each([
    ['en', 'Problems'],
    ['zh-CN', '问题'],
  ] as const)('shows the server’s zone warning on the node and in the problem list, and jumps to the node (%s)', async (locale, listName) => {
    useLocaleStore.setState({ locale })
    const { validates } = serveWithZoneWarnings()
    render(<EditorPage journeyId="j1" />)
    await screen.findByRole('heading', { level: 1 })
    await waitFor(() => expect(validates.length).toBe(1), { timeout: 4000 })
    const text = locale === 'en' ? HELD.message.en : HELD.message.zh
    await waitFor(() => expect(nodeProblem('cart-coupon')).toBe(text))
    const list = screen.getByRole('list', { name: listName })
    // Only the zone warning comes from the server: the editor finds the document's own problems itself.
    expect(items(list)).toEqual([`cart-coupon ${text}`])
    fireEvent.click(within(list).getByRole('button'))
    expect(useEditor.getState().selectedNodeIds).toEqual(['cart-coupon'])
  })

  it('asks the server once typing pauses after the save, not at each keystroke', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const { validates, saves } = serveWithZoneWarnings()
    render(<EditorPage journeyId="j1" />)
    await screen.findByRole('heading', { level: 1 })
    await waitFor(() => expect(validates.length).toBe(1), { timeout: 4000 })
    for (const name of ['C', 'Ca', 'Car', 'Cart', 'Cart!']) {
      rename(name)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await waitFor(() => expect(saves.length).toBe(1))
    expect(validates.length).toBe(1)
    await waitFor(() => expect(validates.length).toBe(2), { timeout: 4000 })
    await new Promise((resolve) => setTimeout(resolve, 2000))
    expect([saves.length, validates.length]).toEqual([1, 2])
  }, 10_000)

  it.each([
    ['en', /^Publish/, 'Publish', 'Warnings (1)', 'Published version v1'],
    ['zh-CN', /^发布/, '发布', '警告(1)', '已发布版本 v1'],
  ] as const)(
    'lists the warning in the publish dialog, checked when it opens, and in the confirmation, each a way to the node (%s)',
    async (locale, publish, confirm, warnings, published) => {
      useLocaleStore.setState({ locale })
      const { validates } = serveWithZoneWarnings()
      render(<EditorPage journeyId="j1" />)
      await screen.findByRole('heading', { level: 1 })
      const text = locale === 'en' ? HELD.message.en : HELD.message.zh
      fireEvent.click(toolbarButton(publish))
      // Asked at once, not after the pause that edits wait for.
      await waitFor(() => expect(validates.length).toBe(1), { timeout: 1000 })
      const dialog = screen.getByRole('dialog')
      const inDialog = await within(dialog).findByRole('list', { name: warnings })
      expect(items(inDialog)).toEqual([`cart-coupon ${text}`])
      fireEvent.click(within(inDialog).getByRole('button'))
      expect([screen.queryByRole('dialog'), useEditor.getState().selectedNodeIds]).toEqual([null, ['cart-coupon']])

      act(() => useEditor.getState().select([]))
      fireEvent.click(toolbarButton(publish))
      fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: confirm }))
      const notice = (await screen.findByText(published, { exact: false })).closest('.notice') as HTMLElement
      expect(items(within(notice).getByRole('list', { name: warnings }))).toEqual([`cart-coupon ${text}`])
      fireEvent.click(within(notice).getByRole('button', { name: /^cart-coupon/ }))
      expect(useEditor.getState().selectedNodeIds).toEqual(['cart-coupon'])
    },
  )

  it('drops a warning whose node was deleted after the server answered', () => {
    const draft = record('draft').journey.draft
    expect(problemsOf(draft, undefined, undefined, [HELD]).byNode.get('cart-coupon')).toEqual([HELD])
    const withoutCoupon = {
      ...draft,
      nodes: draft.nodes.filter((node) => node.id !== 'cart-coupon'),
      edges: draft.edges.filter((edge) => edge.target !== 'cart-coupon' && edge.source !== 'cart-coupon'),
    }
    expect(problemsOf(withoutCoupon, undefined, undefined, [HELD]).all.filter((problem) => problem.code === HELD.code)).toEqual([])
  })
})
