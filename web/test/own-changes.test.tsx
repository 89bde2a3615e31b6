import type { ApprovalRequestView, JourneyDocument, JourneyHead } from '@recall/shared'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { pendingDraft } from '../src/editor/pending-draft'
import { useSaveState } from '../src/editor/save-state'
import { checkServerHead } from '../src/editor/server-head'
import { useEditor } from '../src/editor/store'
import { json, record, serve, stubPresence } from './editor-server'

beforeAll(stubPresence)

const head = (given: Partial<JourneyHead>): JourneyHead => ({ status: 'live', draftRevision: 3, draftSavedBy: null, liveVersion: 2, published: null, ...given })
const AT = '2026-12-03T09:20:00.000Z'
/** What the server says once v3 is live: published by E, who has the editor open. */
const MINE_LIVE = head({ liveVersion: 3, published: { version: 3, by: 'E', at: AT } })

const APPROVAL: ApprovalRequestView = {
  id: 'a-1',
  journeyId: 'j1',
  status: 'pending',
  draftRevision: 3,
  documentHash: 'f'.repeat(64),
  baseVersion: 2,
  note: 'Warmer reminder',
  migrate: false,
  submittedBy: 'Eve',
  submittedAt: '2026-12-01T03:00:00.000Z',
  forecast: null,
  reviewedBy: null,
  reviewComment: null,
  reviewedAt: null,
  publishedVersion: null,
  canReview: true,
}

const variant = (id: string, converted: number) => ({ id, label: id, weight: 50, contacts: 100, converted, rate: converted / 100, test: null })
const SPLIT = { nodeId: 'offer-test', control: 'A', neededPerVariant: null, variants: [variant('A', 10), variant('B', 20)] }

/**
 * j1, live at v2, in the editor of E. `server.head` is what GET /head answers; a request named in
 * `server.holding` ("POST /api/…") waits until the test calls `server.release(it)`.
 */
async function openLiveJourney(onSave?: () => Response) {
  useLocaleStore.setState({ locale: 'en' })
  signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true }, csrfToken: 'c' })
  const server = {
    head: head({}),
    journey: record('live'),
    holding: new Set<string>(),
    held: new Map<string, () => void>(),
    release(request: string) {
      server.held.get(request)?.()
    },
  }
  const answer = (url: string, method: string): Response | undefined => {
    if (url === '/api/journeys/j1/head') return json(server.head)
    if (url === '/api/journeys/j1' && method === 'GET') return json(server.journey)
    if (url === '/api/journeys/j1/approvals') return json({ approvals: [APPROVAL] })
    if (url === '/api/journeys/j1/approvals/a-1') return json({ approval: APPROVAL, document: server.journey.journey.draft })
    if (url.endsWith('/approve') || url.endsWith('/publish')) return json({ version: 3, contactsAtRemovedNodes: 0, migrated: 0, problems: [] })
    if (url.endsWith('/rollout')) return json({ version: 3 })
    if (url.endsWith('/ab')) return json({ splits: [SPLIT] })
    if (url.includes('/versions/')) return json({ document: server.journey.journey.draft })
    if (url.includes('/series') || url.includes('/forecast')) return json({ error: 'not_found', message: 'Not in this test', problems: [] }, 404)
    if (url.endsWith('/control-group')) return json({ controlGroupPercent: 0, heldOut: { contacts: 0 } })
    return undefined
  }
  serve(server.journey, onSave, (url, init) => {
    const method = init.method ?? 'GET'
    const request = `${method} ${url}`
    if (!server.holding.delete(request)) return answer(url, method)
    return new Promise<Response>((resolve) => server.held.set(request, () => resolve(answer(url, method) ?? json({}))))
  })
  render(<EditorPage journeyId="j1" />)
  await screen.findByRole('heading', { level: 1 })
  return server
}

const banner = () => screen.queryByTestId('colleague-changes')
const shownVersion = () => document.querySelector('.status--live')?.textContent

describe('what this page publishes itself is never a colleague’s news', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('approving a submission here: the server’s v3 by me, heard before and after the approval answers, shows no banner; a colleague’s v4 still does', async () => {
    const server = await openLiveJourney()
    // The footer's history asks for the submissions once the page has drawn (slow on a busy machine).
    fireEvent.click(await screen.findByRole('button', { name: 'Review' }, { timeout: 5000 }))
    // The submission is shown (and may be approved) once it has loaded.
    await screen.findByText('Warmer reminder')
    server.holding.add('POST /api/journeys/j1/approvals/a-1/approve')
    fireEvent.click(screen.getByRole('button', { name: 'Approve and publish' }))
    await waitFor(() => expect(server.held.has('POST /api/journeys/j1/approvals/a-1/approve')).toBe(true))
    // The approval published v3 on the server; its answer has not come yet.
    server.head = MINE_LIVE
    await act(() => checkServerHead('j1'))
    expect([banner(), shownVersion()]).toEqual([null, 'v2'])

    server.release('POST /api/journeys/j1/approvals/a-1/approve')
    await screen.findByText('Published version v3')
    await act(() => checkServerHead('j1'))
    expect([banner(), shownVersion()]).toEqual([null, 'v3'])

    server.head = head({ liveVersion: 4, published: { version: 4, by: 'Ada', at: AT } })
    await act(() => checkServerHead('j1'))
    expect([banner()?.textContent, shownVersion()]).toEqual([`Ada published v4 at ${new Date(AT).toLocaleString('en')}: contacts run on it now. OK`, 'v4'])
  })

  it('publishing from the Publish dialog: the server’s v3 by me, heard while the publish is on its way, shows no banner', async () => {
    const server = await openLiveJourney()
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }))
    server.holding.add('POST /api/journeys/j1/publish')
    const dialog = await screen.findByRole('dialog')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Publish' }))
    await waitFor(() => expect(server.held.has('POST /api/journeys/j1/publish')).toBe(true))
    server.head = MINE_LIVE
    await act(() => checkServerHead('j1'))
    expect([banner(), shownVersion()]).toEqual([null, 'v2'])

    server.release('POST /api/journeys/j1/publish')
    await screen.findByText('Published version v3')
    await act(() => checkServerHead('j1'))
    expect([banner(), shownVersion()]).toEqual([null, 'v3'])
  })

  it('rolling out an A/B winner here: neither its new version nor the draft it saved reads as a colleague’s, until the page has reloaded that draft', async () => {
    const server = await openLiveJourney()
    fireEvent.click(screen.getByRole('button', { name: '● Live' }))
    const [, rollOutB] = await screen.findAllByRole('button', { name: 'Roll out' })
    server.holding.add('POST /api/journeys/j1/ab/offer-test/rollout')
    server.holding.add('GET /api/journeys/j1')
    fireEvent.click(rollOutB as HTMLElement)
    await waitFor(() => expect(server.held.has('POST /api/journeys/j1/ab/offer-test/rollout')).toBe(true))
    // The roll-out published v3 and saved the draft as revision 4 (by no one in particular).
    server.head = { ...MINE_LIVE, draftRevision: 4 }
    server.journey = record('live')
    server.journey.journey.liveVersion = 3
    server.journey.journey.draftRevision = 4
    await act(() => checkServerHead('j1'))
    expect(banner()).toBeNull()

    // Answered; the page is reloading the draft the roll-out saved.
    server.release('POST /api/journeys/j1/ab/offer-test/rollout')
    await waitFor(() => expect(server.held.has('GET /api/journeys/j1')).toBe(true))
    await act(() => checkServerHead('j1'))
    expect([banner(), useSaveState.getState().revision]).toEqual([null, 3])

    server.release('GET /api/journeys/j1')
    await screen.findByText('Published v3 with B at 100%')
    await act(() => checkServerHead('j1'))
    expect([banner(), shownVersion(), useSaveState.getState().revision]).toEqual([null, 'v3', 4])
  })

  it('rolling out an A/B winner keeps my edit the server has not taken yet: it comes back on top of the draft the roll-out saved', async () => {
    const server = await openLiveJourney(() => json({ error: 'unavailable', message: 'The server is busy; try again', problems: [] }, 503))
    act(() => useEditor.getState().edit({ ...(useEditor.getState().document as JourneyDocument), name: 'My edit' }))
    await waitFor(() => expect(useSaveState.getState().state).toBe('failed'))
    fireEvent.click(screen.getByRole('button', { name: '● Live' }))
    const [, rollOutB] = await screen.findAllByRole('button', { name: 'Roll out' })
    server.journey = record('live', 'Rolled out')
    server.journey.journey.draftRevision = 4
    fireEvent.click(rollOutB as HTMLElement)
    await screen.findByText('Published v3 with B at 100%')
    expect([
      useEditor.getState().document?.name,
      useEditor.getState().past.map((document) => document.name),
      pendingDraft('j1')?.document.name,
      pendingDraft('j1')?.revision,
    ]).toEqual(['My edit', ['Rolled out'], 'My edit', 3])
  })
})
