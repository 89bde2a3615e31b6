import type { JourneyDocument } from '@recall/shared'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../src/app/App'
import { useLocaleStore } from '../src/app/locale'
import { navigate } from '../src/app/router'
import { pendingDraft } from '../src/editor/pending-draft'
import { type SaveState, useSaveState } from '../src/editor/save-state'
import { savedRevision } from '../src/editor/saved-draft'
import { useEditor } from '../src/editor/store'
import { stubPresence } from './editor-server'
import { serveTwoJourneys } from './two-journeys'

beforeAll(stubPresence)

const A_DRAFT = '/api/journeys/a/draft'
const B_DRAFT = '/api/journeys/b/draft'

/** Changes the address as the app's own navigation does (asking the page first), once the app has heard of it. */
async function goTo(path: string) {
  const heard = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }))
  navigate(path)
  await heard
}

/** The app, opened on a journey. */
async function openApp(path: string) {
  if (window.location.hash !== `#${path}`) {
    const heard = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }))
    window.location.hash = path
    await heard
  }
  render(<App />)
}

const heading = (name: string) => screen.findByRole('heading', { level: 1, name })

function rename(name: string) {
  act(() => useEditor.getState().edit({ ...(useEditor.getState().document as JourneyDocument), name }))
}

/** Every save state the page goes through from now on. */
function saveStatesFromNow(): { states: SaveState[]; stop(): void } {
  const states: SaveState[] = []
  const stop = useSaveState.subscribe((state) => {
    states.push(state.state)
  })
  return { states, stop }
}

/** Journey A open, renamed "Spring sale 20% off", its save held on its way to the server. */
async function aRenamedWithSaveHeld() {
  const server = serveTwoJourneys()
  await openApp('/journeys/a')
  await heading('Spring sale')
  server.hold('PUT', A_DRAFT)
  rename('Spring sale 20% off')
  await waitFor(() => expect(server.held('PUT', A_DRAFT)).toBeDefined())
  return server
}

/** What the page shows and holds: the journey, its name, whether the server has it, the revision it names next. */
function page() {
  const editor = useEditor.getState()
  const save = useSaveState.getState()
  return {
    heading: screen.getByRole('heading', { level: 1 }).textContent,
    journeyId: editor.journeyId,
    name: editor.document?.name,
    saved: editor.document === editor.savedDocument,
    state: save.state,
    revision: save.revision,
  }
}

describe('switching journeys while a save is on its way', () => {
  beforeEach(() => {
    localStorage.clear()
    useLocaleStore.setState({ locale: 'en' })
    // Leaving with an edit the server does not have yet asks first: the person says yes.
    vi.stubGlobal('confirm', () => true)
  })
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('sends A’s slow save and the edit after it to A only, on the revisions A’s saves made; B’s page, address and revision stay B’s', async () => {
    const server = await aRenamedWithSaveHeld()
    // Typed while that save is on its way, then the person leaves for B.
    rename('Spring sale 30% off')
    await goTo('/journeys/b')
    await heading('Birthday')
    const b = saveStatesFromNow()

    server.held('PUT', A_DRAFT)?.release()
    await waitFor(() => expect(server.drafts.a.revision).toBe(5))
    b.stop()
    expect([page(), b.states, pendingDraft('a')]).toEqual([{ heading: 'Birthday', journeyId: 'b', name: 'Birthday', saved: true, state: 'saved', revision: 7 }, [], undefined])

    rename('Birthday gift')
    await waitFor(() => expect(server.drafts.b.revision).toBe(8))
    expect(server.puts).toEqual([
      { url: A_DRAFT, ifMatch: '"3"', id: 'a', name: 'Spring sale 20% off' },
      { url: A_DRAFT, ifMatch: '"4"', id: 'a', name: 'Spring sale 30% off' },
      { url: B_DRAFT, ifMatch: '"7"', id: 'b', name: 'Birthday gift' },
    ])
    expect([server.drafts.a.draft.name, server.drafts.b.draft.name]).toEqual(['Spring sale 30% off', 'Birthday gift'])

    await goTo('/journeys/a')
    await heading('Spring sale 30% off')
    expect(page()).toEqual({ heading: 'Spring sale 30% off', journeyId: 'a', name: 'Spring sale 30% off', saved: true, state: 'saved', revision: 5 })
  })

  it('does not retry A’s save that failed after B opened, nor say so on B’s page; A’s edit waits in the browser and is saved to A when A opens again', async () => {
    const server = await aRenamedWithSaveHeld()
    server.down.add('a')
    await goTo('/journeys/b')
    await heading('Birthday')
    const b = saveStatesFromNow()

    server.held('PUT', A_DRAFT)?.release()
    // The save at leaving tries once more; nothing is tried after it, also not after the first retry's 2 seconds.
    await waitFor(() => expect(server.puts).toHaveLength(2))
    await new Promise((resolve) => setTimeout(resolve, 2500))
    b.stop()
    expect([server.puts, page(), b.states, pendingDraft('a')?.document.name, pendingDraft('a')?.revision]).toEqual([
      [
        { url: A_DRAFT, ifMatch: '"3"', id: 'a', name: 'Spring sale 20% off' },
        { url: A_DRAFT, ifMatch: '"3"', id: 'a', name: 'Spring sale 20% off' },
      ],
      { heading: 'Birthday', journeyId: 'b', name: 'Birthday', saved: true, state: 'saved', revision: 7 },
      [],
      'Spring sale 20% off',
      3,
    ])

    server.down.delete('a')
    await goTo('/journeys/a')
    await heading('Spring sale 20% off')
    await waitFor(() => expect(useSaveState.getState().state).toBe('saved'))
    expect([server.puts.slice(2), page(), pendingDraft('a'), server.drafts.a]).toEqual([
      [{ url: A_DRAFT, ifMatch: '"3"', id: 'a', name: 'Spring sale 20% off' }],
      { heading: 'Spring sale 20% off', journeyId: 'a', name: 'Spring sale 20% off', saved: true, state: 'saved', revision: 4 },
      undefined,
      { draft: expect.objectContaining({ id: 'a', name: 'Spring sale 20% off' }), revision: 4 },
    ])
  })

  it('opens A again only once A’s save from before has answered, so the edit comes back saved, with no conflict with itself', async () => {
    const server = await aRenamedWithSaveHeld()
    await goTo('/journeys/b')
    await heading('Birthday')
    await goTo('/journeys/a')
    await screen.findByText('Loading…')
    await new Promise((resolve) => setTimeout(resolve, 200))
    const journeyA = () => server.log.filter((line) => line.endsWith(' /api/journeys/a') || line.endsWith(A_DRAFT))
    expect(journeyA()).toEqual(['GET /api/journeys/a', `PUT ${A_DRAFT}`])

    server.held('PUT', A_DRAFT)?.release()
    await heading('Spring sale 20% off')
    expect([journeyA(), page()]).toEqual([
      ['GET /api/journeys/a', `PUT ${A_DRAFT}`, `answered PUT ${A_DRAFT}`, 'GET /api/journeys/a'],
      { heading: 'Spring sale 20% off', journeyId: 'a', name: 'Spring sale 20% off', saved: true, state: 'saved', revision: 4 },
    ])
    rename('Spring sale 25% off')
    await waitFor(() => expect(server.drafts.a.revision).toBe(5))
    expect(server.puts).toEqual([
      { url: A_DRAFT, ifMatch: '"3"', id: 'a', name: 'Spring sale 20% off' },
      { url: A_DRAFT, ifMatch: '"4"', id: 'a', name: 'Spring sale 25% off' },
    ])
  })

  it('names no revision for a publish of A whose save answers after B opened (B’s revision is not A’s), saying why in Chinese', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const server = serveTwoJourneys()
    await openApp('/journeys/a')
    await heading('Spring sale')
    server.hold('PUT', A_DRAFT)
    rename('Spring sale 20% off')
    // Publish asks for the revision holding what is on screen: it waits for the save on its way.
    const asked = savedRevision()
    await waitFor(() => expect(server.held('PUT', A_DRAFT)).toBeDefined())
    await goTo('/journeys/b')
    await heading('Birthday')
    server.held('PUT', A_DRAFT)?.release()
    await expect(asked).rejects.toThrow('修改保存之前,旅程已被关闭')
    expect([server.puts, server.drafts.a.revision, page()]).toEqual([
      [{ url: A_DRAFT, ifMatch: '"3"', id: 'a', name: 'Spring sale 20% off' }],
      4,
      { heading: 'Birthday', journeyId: 'b', name: 'Birthday', saved: true, state: 'saved', revision: 7 },
    ])
  })

  it('leaves B on screen when A’s draft, asked for before the person went on to B, arrives after B opened', async () => {
    const server = serveTwoJourneys()
    await openApp('/journeys/b')
    await heading('Birthday')
    server.hold('GET', '/api/journeys/a')
    await goTo('/journeys/a')
    await waitFor(() => expect(server.held('GET', '/api/journeys/a')).toBeDefined())
    await goTo('/journeys/b')
    await heading('Birthday')

    server.held('GET', '/api/journeys/a')?.release()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(page()).toEqual({ heading: 'Birthday', journeyId: 'b', name: 'Birthday', saved: true, state: 'saved', revision: 7 })
    rename('Birthday gift')
    await waitFor(() => expect(server.drafts.b.revision).toBe(8))
    expect(server.puts).toEqual([{ url: B_DRAFT, ifMatch: '"7"', id: 'b', name: 'Birthday gift' }])
  })
})
