import type { JourneyDocument } from '@recall/shared'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { App } from '../src/app/App'
import { useLocaleStore } from '../src/app/locale'
import { navigate } from '../src/app/router'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { useSaveState } from '../src/editor/save-state'
import { drawnDocument, useEditor } from '../src/editor/store'
import { json, record, serve, stubPresence } from './editor-server'

beforeAll(stubPresence)

const INTERNAL = 'Something went wrong on our side; nothing was changed'
const LEAVE_ANYWAY =
  'Your changes to this journey are not saved on the server yet. Leave the editor anyway? They stay in this browser and come back when you open the journey again.'
const USER = { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true } as const
/** Where this browser keeps E's edit of j1 that the server does not have. */
const KEPT = 'recall.pending-draft.u.j1'
const kept = () => {
  const stored = localStorage.getItem(KEPT)
  return stored ? (JSON.parse(stored) as { document: JourneyDocument; revision: number }) : undefined
}

/** Changes the address as a link does, once the app has heard of it. */
async function goTo(hash: string) {
  if (window.location.hash === hash) return
  const heard = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }))
  window.location.hash = hash
  await heard
}

/** Waits for Back or Forward (and any walk back the editor makes) to settle: the address stops changing. */
async function settled() {
  let last = ''
  await waitFor(
    async () => {
      const now = window.location.hash
      await new Promise((resolve) => setTimeout(resolve, 30))
      if (now !== window.location.hash || now !== last) {
        last = now
        throw new Error('still moving')
      }
    },
    { timeout: 3000 },
  )
}

/** The whole app: its journeys list, and j1 in the editor, whose saves answer as `saves` says. */
function serveApp(saves: { ok: boolean }) {
  useLocaleStore.setState({ locale: 'en' })
  serve(
    record('draft'),
    () => (saves.ok ? json(record('draft')) : json({ error: 'bad', message: INTERNAL, problems: [] }, 400)),
    (url) => {
      if (url === '/api/auth/me') return json({ user: USER, csrfToken: 'c' })
      if (url === '/api/journeys') return json({ journeys: [] })
      if (url === '/api/coupons/alarms') return json({ alarms: [] })
      return undefined
    },
  )
}

async function renameInEditor(name: string) {
  await screen.findByRole('heading', { level: 1, name: 'Cart reminder' })
  act(() => useEditor.getState().edit({ ...(useEditor.getState().document as JourneyDocument), name }))
  await waitFor(() => expect(useSaveState.getState().state).toBe('failed'))
}

/** The editor page with a failed save of an edit, and a link of the app's navigation beside it. */
async function editorWithFailedSave() {
  useLocaleStore.setState({ locale: 'en' })
  signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true }, csrfToken: 'c' })
  serve(record('draft'), () => json({ error: 'bad', message: INTERNAL, problems: [] }, 400))
  window.location.hash = '#/journeys/j1'
  render(
    <>
      <a href="#/settings">Settings</a>
      <EditorPage journeyId="j1" />
    </>,
  )
  await screen.findByRole('heading', { level: 1 })
  act(() => useEditor.getState().edit({ ...(useEditor.getState().document as JourneyDocument), name: 'Renamed' }))
  await waitFor(() => expect(useSaveState.getState().state).toBe('failed'))
}

describe('leaving the editor through the app', () => {
  afterEach(() => {
    // The page goes first: leaving it keeps an unsaved edit in the browser, which the next test must not find.
    cleanup()
    vi.unstubAllGlobals()
    localStorage.clear()
  })

  it('asks first when an edit is not saved, and stays when the person says no', async () => {
    await editorWithFailedSave()
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    fireEvent.click(screen.getByRole('link', { name: 'Settings' }))
    navigate('/journeys')
    expect([window.location.hash, confirm.mock.calls]).toEqual(['#/journeys/j1', [[LEAVE_ANYWAY], [LEAVE_ANYWAY]]])
    confirm.mockReturnValue(true)
    navigate('/journeys')
    expect(window.location.hash).toBe('#/journeys')
  })

  it('leaves without asking when everything is saved', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true }, csrfToken: 'c' })
    serve(record('draft'))
    render(<EditorPage journeyId="j1" />)
    await screen.findByRole('heading', { level: 1 })
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    navigate('/settings')
    expect([window.location.hash, confirm.mock.calls.length]).toEqual(['#/settings', 0])
  })

  it('asks on Back with an edit the server does not have: "no" stays with the edit, "yes" leaves and keeps it in the browser until the journey opens again', async () => {
    const saves = { ok: false }
    serveApp(saves)
    await goTo('#/journeys')
    await goTo('#/journeys/j1')
    render(<App />)
    await renameInEditor('Renamed')
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)

    window.history.back()
    await settled()
    // Still in the editor, on its own history entry (one Back away from the list), with the edit on screen.
    expect([window.location.hash, confirm.mock.calls, useEditor.getState().document?.name, screen.getByRole('heading', { level: 1 }).textContent]).toEqual([
      '#/journeys/j1',
      [[LEAVE_ANYWAY]],
      'Renamed',
      'Renamed',
    ])

    confirm.mockReturnValue(true)
    window.history.back()
    await screen.findByRole('heading', { level: 1, name: 'Journeys' })
    expect([window.location.hash, confirm.mock.calls.length, kept()?.document.name, kept()?.revision]).toEqual(['#/journeys', 2, 'Renamed', 3])

    // Forward into the journey again: the edit is back on top of the draft, and saved once the server takes it.
    saves.ok = true
    window.history.forward()
    await screen.findByRole('heading', { level: 1, name: 'Renamed' })
    await waitFor(() => expect(useSaveState.getState().state).toBe('saved'))
    expect([window.location.hash, kept(), confirm.mock.calls.length]).toEqual(['#/journeys/j1', undefined, 2])
  })

  it('asks on Forward too, and a "no" leaves the entries on either side where they were', async () => {
    serveApp({ ok: false })
    await goTo('#/journeys/j1')
    render(<App />)
    await screen.findByRole('heading', { level: 1, name: 'Cart reminder' })
    // Nothing unsaved: the list opens without a question; Back returns to the editor.
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    navigate('/journeys')
    await screen.findByRole('heading', { level: 1, name: 'Journeys' })
    window.history.back()
    await renameInEditor('Renamed again')

    window.history.forward()
    await settled()
    expect([window.location.hash, confirm.mock.calls, useEditor.getState().document?.name]).toEqual(['#/journeys/j1', [[LEAVE_ANYWAY]], 'Renamed again'])
    confirm.mockReturnValue(true)
    window.history.forward()
    await screen.findByRole('heading', { level: 1, name: 'Journeys' })
    expect([window.location.hash, kept()?.document.name]).toEqual(['#/journeys', 'Renamed again'])
  })

  it('asks before the tab closes or reloads with an edit not saved, keeping it in the browser first; not when all is saved', async () => {
    await editorWithFailedSave()
    const closing = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(closing)
    expect([closing.defaultPrevented, kept()?.document.name, kept()?.revision]).toEqual([true, 'Renamed', 3])
    // Undone back to what the server holds: nothing to ask about, and nothing kept to come back.
    act(() => useEditor.getState().undo())
    const closingAgain = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(closingAgain)
    expect([closingAgain.defaultPrevented, kept()]).toEqual([false, undefined])
  })

  it('keeps asking before leaving while a published version is viewed over a draft edit not saved yet, and shows the draft again as it was', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signedIn({ user: USER, csrfToken: 'c' })
    serve(
      record('live'),
      () => json({ error: 'bad', message: INTERNAL, problems: [] }, 400),
      (url) => (url === '/api/journeys/j1/versions' ? json({ versions: [{ version: 2, note: 'first', publishedAt: '2026-12-01T09:00:00Z' }] }) : undefined),
    )
    window.location.hash = '#/journeys/j1'
    render(
      <>
        <a href="#/settings">Settings</a>
        <EditorPage journeyId="j1" />
      </>,
    )
    await renameInEditor('Renamed')
    fireEvent.click(await screen.findByRole('button', { name: 'View' }))
    await screen.findByRole('button', { name: 'Back to the draft' })
    const shown = () => [useEditor.getState().versionShown?.version, drawnDocument(useEditor.getState())?.name, useEditor.getState().document?.name]
    expect(shown()).toEqual([2, 'Cart reminder', 'Renamed'])

    // The app's links and navigation ask, and "no" stays on the version shown.
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    fireEvent.click(screen.getByRole('link', { name: 'Settings' }))
    navigate('/journeys')
    expect([window.location.hash, confirm.mock.calls, shown()]).toEqual(['#/journeys/j1', [[LEAVE_ANYWAY], [LEAVE_ANYWAY]], [2, 'Cart reminder', 'Renamed']])
    // Closing the tab asks too, and the edit is kept in the browser first.
    const closing = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(closing)
    expect([closing.defaultPrevented, kept()?.document.name]).toEqual([true, 'Renamed'])

    fireEvent.click(screen.getByRole('button', { name: 'Back to the draft' }))
    expect([shown(), useEditor.getState().past.map((document) => document.name)]).toEqual([[undefined, 'Renamed', 'Renamed'], ['Cart reminder']])
  })

  it('asks before signing out with an edit the server does not have: "no" stays signed in, "yes" keeps the edit for the same person', async () => {
    serveApp({ ok: false })
    await goTo('#/journeys/j1')
    render(<App />)
    await renameInEditor('Renamed')
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    const logouts = () => vi.mocked(fetch).mock.calls.filter(([url]) => url === '/api/auth/logout').length

    fireEvent.click(screen.getByRole('button', { name: 'Sign out (E)' }))
    expect([confirm.mock.calls, logouts(), useEditor.getState().document?.name, kept()]).toEqual([[[LEAVE_ANYWAY]], 0, 'Renamed', undefined])

    confirm.mockReturnValue(true)
    fireEvent.click(screen.getByRole('button', { name: 'Sign out (E)' }))
    await waitFor(() => expect(logouts()).toBe(1))
    expect([confirm.mock.calls.length, kept()?.document.name, kept()?.revision]).toEqual([2, 'Renamed', 3])
  })
})
