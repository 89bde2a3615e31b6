import type { JourneyDocument } from '@recall/shared'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { PublishDialog } from '../src/editor/PublishDialog'
import { useSaveState } from '../src/editor/save-state'
import { useEditor } from '../src/editor/store'
import { json, presenceSays, record, serve, stubPresence } from './editor-server'
import { openInEditor, template } from './helpers'

beforeAll(stubPresence)

const ADA_SAVED = { en: 'Ada saved a newer draft: reload it before publishing', zh: 'Ada 保存了更新的草稿:请重新载入后再发布' }
const INTERNAL = 'Something went wrong on our side; nothing was changed'
const WAIT = 'Publish and Simulate wait until your changes are saved: the draft on the server is not what you see'

/** Each request but the page's reads: method, URL and If-Match. */
type Call = [string, string, string | null]
const callOf = (url: string, init: RequestInit): Call => [String(init.method ?? 'GET'), url, new Headers(init.headers).get('if-match')]

const toolbarButton = (name: RegExp) => within(screen.getByRole('toolbar')).getByRole('button', { name }) as HTMLButtonElement

function rename(name: string) {
  act(() => useEditor.getState().edit({ ...(useEditor.getState().document as JourneyDocument), name }))
}

describe('publishing the draft on screen', () => {
  beforeEach(() => {
    localStorage.clear()
    signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true }, csrfToken: 'c' })
  })
  afterEach(() => vi.unstubAllGlobals())

  it.each(['en', 'zh'] as const)('names the revision on screen, and after a colleague saved shows the refusal with a way to load theirs (%s)', async (language) => {
    useLocaleStore.setState({ locale: language === 'en' ? 'en' : 'zh-CN' })
    const calls: Call[] = []
    serve(record('draft'), undefined, (url, init) => {
      // The zone warnings the editor asks for are another test's.
      if (init.method !== 'POST' || url.endsWith('/validate')) return undefined
      calls.push(callOf(url, init))
      const text = ADA_SAVED[language]
      return json({ error: 'draft_changed', message: text, problems: [{ code: 'draft_changed', severity: 'error', path: '/headers/if-match', text }] }, 412)
    })
    render(<EditorPage journeyId="j1" />)
    await screen.findByRole('heading', { level: 1 })
    presenceSays({ revision: 4, savedBy: 'Ada' })
    fireEvent.click(toolbarButton(language === 'en' ? /^Publish/ : /^发布/))
    const dialog = screen.getByRole('dialog')
    fireEvent.click(within(dialog).getByRole('button', { name: language === 'en' ? 'Publish' : '发布' }))
    expect((await within(dialog).findByRole('alert')).textContent).toBe(ADA_SAVED[language])
    // The page saw revision 3: that is what it asked to publish, and the server refused it.
    expect(calls).toEqual([['POST', '/api/journeys/j1/publish', '"3"']])
    fireEvent.click(within(dialog).getByRole('button', { name: language === 'en' ? 'Reload their draft' : '载入对方的草稿' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('turns Publish and Simulate off while a save failed, says why beside the status, retries, and turns them on once saved', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const answers = [() => json({ error: 'internal', message: INTERNAL, problems: [] }, 500), () => json({ journey: { draftRevision: 4 }, problems: [] })]
    const saves = serve(record('draft'), () => (answers.shift() as () => Response)())
    render(<EditorPage journeyId="j1" />)
    await screen.findByRole('heading', { level: 1 })
    rename('Renamed')
    await waitFor(() => expect(document.querySelector('.save')?.textContent).toBe(`Not saved: ${INTERNAL}`))
    expect([toolbarButton(/^Publish/).disabled, toolbarButton(/Simulate/).disabled]).toEqual([true, true])
    expect(screen.getByText(WAIT).getAttribute('role')).toBe('status')
    // Tried again by itself, two seconds later.
    await waitFor(() => expect(document.querySelector('.save')?.textContent).toBe('Saved'), { timeout: 4000 })
    expect([saves.length, useSaveState.getState().revision, toolbarButton(/^Publish/).disabled, screen.queryByText(WAIT)]).toEqual([2, 4, false, null])
  })

  it('saves again at once when the browser is back online', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const answers = [() => json({ error: 'network', message: 'The server cannot be reached', problems: [] }, 503), () => json({ journey: { draftRevision: 4 }, problems: [] })]
    const saves = serve(record('draft'), () => (answers.shift() as () => Response)())
    render(<EditorPage journeyId="j1" />)
    await screen.findByRole('heading', { level: 1 })
    rename('Renamed')
    await waitFor(() => expect(useSaveState.getState().state).toBe('failed'))
    act(() => {
      window.dispatchEvent(new Event('online'))
    })
    await waitFor(() => expect(useSaveState.getState()).toMatchObject({ state: 'saved', revision: 4 }), { timeout: 1000 })
    expect(saves).toHaveLength(2)
  })
})

describe('the publish dialog', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('waits for the save on its way and publishes the revision it makes', async () => {
    openInEditor(template('abandoned-cart'))
    useSaveState.setState({ state: 'saved', error: undefined, revision: 4, conflict: undefined })
    const calls: Call[] = []
    let answerSave: (response: Response) => void = () => {}
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push(callOf(url, init))
        if (init.method === 'PUT') return new Promise<Response>((resolve) => (answerSave = resolve))
        return json({ version: 1, problems: [], contactsAtRemovedNodes: 0, migrated: 0 })
      }),
    )
    const onPublished = vi.fn()
    render(<PublishDialog journeyId="abandoned-cart" onClose={() => {}} onPublished={onPublished} onScheduled={() => {}} />)
    rename('Edited just before publishing')
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }))
    await waitFor(() => expect(calls).toEqual([['PUT', '/api/journeys/abandoned-cart/draft', '"4"']]))
    answerSave(json({ journey: { draftRevision: 5 }, problems: [] }))
    await waitFor(() => expect(onPublished).toHaveBeenCalled())
    expect(calls.at(-1)).toEqual(['POST', '/api/journeys/abandoned-cart/publish', '"5"'])
  })

  it('publishes nothing while the draft on screen is in conflict, and says why', async () => {
    openInEditor(template('abandoned-cart'))
    rename('Mine')
    useSaveState.setState({ state: 'conflict', error: undefined, revision: 4, conflict: { message: 'Li Na saved this draft', problems: [] } })
    const fetched = vi.fn()
    vi.stubGlobal('fetch', fetched)
    render(<PublishDialog journeyId="abandoned-cart" onClose={() => {}} onPublished={() => {}} onScheduled={() => {}} />)
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Publish and Simulate wait until you reload their draft or overwrite it with yours')
    expect(fetched).not.toHaveBeenCalled()
  })
})
