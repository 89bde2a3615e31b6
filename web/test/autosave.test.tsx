import { fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sessionEnded, signedIn, useSession } from '../src/app/session'
import { DraftConflict } from '../src/editor/DraftConflict'
import { saveNow } from '../src/editor/draft-save'
import { openDraft } from '../src/editor/journey-loader'
import { keepPendingDraft, pendingDraft } from '../src/editor/pending-draft'
import { useSaveState } from '../src/editor/save-state'
import { useEditor } from '../src/editor/store'
import { useAutosave } from '../src/editor/useAutosave'
import { openInEditor, template } from './helpers'

const USER = { userId: 'u1', email: 'ops@shop.example', name: 'Ops', role: 'editor' as const, canPublish: true }
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

type Document = NonNullable<ReturnType<typeof useEditor.getState>['document']>
const onScreen = () => useEditor.getState().document as Document

/** Saves answered when the test says: each PUT's If-Match and name, and a function answering it with the next revision. */
function stubHeldSaves(firstRevision: number) {
  const saves: { ifMatch: string | null; name: string; answer(): void }[] = []
  let revision = firstRevision
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body))
      return new Promise<Response>((resolve) => {
        saves.push({
          ifMatch: new Headers(init?.headers).get('if-match'),
          name: body.name,
          answer: () => resolve(json({ journey: { draftRevision: revision++, draft: body }, problems: [] })),
        })
      })
    }),
  )
  return saves
}

/** Records each PUT of the draft with its If-Match and answers what `answers` says, in turn. */
function stubSaves(answers: ((body: unknown) => Response)[]) {
  const saves: { ifMatch: string | null; name: string }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body))
      saves.push({ ifMatch: new Headers(init?.headers).get('if-match'), name: body.name })
      const answer = answers.shift()
      if (!answer) throw new Error('no answer left')
      return answer(body)
    }),
  )
  return saves
}

describe('autosave', () => {
  beforeEach(() => {
    localStorage.clear()
    signedIn({ user: USER, csrfToken: 'csrf' })
    openInEditor(template('abandoned-cart'))
    useSaveState.setState({ state: 'saved', error: undefined, revision: 4, conflict: undefined })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('keeps a draft refused with 401 in the browser and saves it after signing in again, with its undo history', async () => {
    const saves = stubSaves([
      () => json({ error: 'unauthenticated', message: 'Sign in', problems: [] }, 401),
      (body) => json({ journey: { draftRevision: 5, draft: body }, problems: [] }),
    ])
    renderHook(() => useAutosave('abandoned-cart'))
    const edited = { ...(useEditor.getState().document as NonNullable<ReturnType<typeof useEditor.getState>['document']>), name: 'MMS weekend push' }
    useEditor.getState().edit(edited)
    await waitFor(() => expect(useSaveState.getState().state).toBe('signed-out'))
    expect(useSession.getState().status).toBe('expired')
    expect(pendingDraft('abandoned-cart')).toEqual({ document: edited, revision: 4 })
    expect(useEditor.getState().past).toHaveLength(1)

    signedIn({ user: USER, csrfToken: 'csrf-2' })
    await waitFor(() => expect(useSaveState.getState()).toMatchObject({ state: 'saved', revision: 5 }))
    expect(saves).toEqual([
      { ifMatch: '"4"', name: 'MMS weekend push' },
      { ifMatch: '"4"', name: 'MMS weekend push' },
    ])
    expect(pendingDraft('abandoned-cart')).toBeUndefined()
    expect(useEditor.getState().past).toHaveLength(1)
  })

  it('shows a newer draft saved elsewhere as a conflict and overwrites only when asked', async () => {
    const saves = stubSaves([
      () =>
        json(
          {
            error: 'draft_changed',
            message: 'Li Na saved this draft at 2026-12-02 04:20 UTC (revision 5) after you opened it',
            problems: [
              { code: 'changed_elsewhere', severity: 'warning', nodeId: 'cart-reminder', path: '/nodes/1', message: { en: 'x', zh: 'x' }, text: 'They changed "cart-reminder"' },
            ],
          },
          412,
        ),
      (body) => json({ journey: { draftRevision: 6, draft: body }, problems: [] }),
    ])
    const document = useEditor.getState().document as NonNullable<ReturnType<typeof useEditor.getState>['document']>
    useEditor.getState().edit({ ...document, name: 'Mine' })
    await saveNow()
    expect(useSaveState.getState()).toMatchObject({ state: 'conflict', conflict: { message: 'Li Na saved this draft at 2026-12-02 04:20 UTC (revision 5) after you opened it' } })
    // Further edits wait for the person's choice.
    useEditor.getState().edit({ ...document, name: 'Mine again' })
    await saveNow()
    expect(saves).toHaveLength(1)
    await saveNow({ overwrite: true })
    expect(saves.map((save) => save.ifMatch)).toEqual(['"4"', '*'])
    expect(useSaveState.getState()).toMatchObject({ state: 'saved', revision: 6, conflict: undefined })
  })

  it('lets a second edit wait for the save on its way, then saves it on the revision that save made', async () => {
    const saves = stubHeldSaves(5)
    const original = onScreen()
    useEditor.getState().edit({ ...original, name: 'First' })
    const first = saveNow()
    await waitFor(() => expect(saves).toHaveLength(1))
    useEditor.getState().edit({ ...original, name: 'Second' })
    const second = saveNow()
    saves[0]?.answer()
    await waitFor(() => expect(saves).toHaveLength(2))
    saves[1]?.answer()
    await Promise.all([first, second])
    expect(saves.map(({ ifMatch, name }) => [ifMatch, name])).toEqual([
      ['"4"', 'First'],
      ['"5"', 'Second'],
    ])
    expect(useSaveState.getState()).toMatchObject({ state: 'saved', revision: 6, conflict: undefined })
  })

  it('ends with the server holding the undone document when undo comes while its save is on the way', async () => {
    const saves = stubHeldSaves(5)
    renderHook(() => useAutosave('abandoned-cart'))
    const original = onScreen()
    useEditor.getState().edit({ ...original, name: 'Oops' })
    await waitFor(() => expect(saves).toHaveLength(1))
    useEditor.getState().undo()
    saves[0]?.answer()
    await waitFor(() => expect(saves).toHaveLength(2))
    saves[1]?.answer()
    await waitFor(() => expect(useSaveState.getState()).toMatchObject({ state: 'saved', revision: 6 }))
    expect(saves.map(({ ifMatch, name }) => [ifMatch, name])).toEqual([
      ['"4"', 'Oops'],
      ['"5"', original.name],
    ])
    expect(useEditor.getState().savedDocument).toBe(original)
  })

  it('keeps an edit made while signed out for that person only: someone else signing in on this browser neither finds nor saves it', async () => {
    const saves = stubSaves([() => json({ error: 'unauthenticated', message: 'Sign in', problems: [] }, 401)])
    renderHook(() => useAutosave('abandoned-cart'))
    useEditor.getState().edit({ ...onScreen(), name: 'Ops’s edit' })
    await waitFor(() => expect(useSaveState.getState().state).toBe('signed-out'))
    signedIn({ user: { ...USER, userId: 'u2', name: 'Ada' }, csrfToken: 'csrf-ada' })
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect([saves.length, onScreen().name, useSaveState.getState().state, pendingDraft('abandoned-cart')]).toEqual([1, template('abandoned-cart').name, 'saved', undefined])
    signedIn({ user: USER, csrfToken: 'csrf-ops' })
    expect(pendingDraft('abandoned-cart')?.document.name).toBe('Ops’s edit')
  })

  it('drops the edit kept in the browser too when the person reloads their colleague’s draft, so the conflict does not come back', async () => {
    const theirs = { ...onScreen(), name: 'Li Na’s draft' }
    keepPendingDraft('abandoned-cart', { document: { ...theirs, name: 'Kept while signed out' }, revision: 2 })
    const conflict = { error: 'draft_changed', message: 'Li Na saved this draft at 2026-12-02 04:20 UTC (revision 4) after you opened it', problems: [] }
    const calls: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push(`${init?.method ?? 'GET'} ${url}`)
        if (init?.method === 'PUT') return json(conflict, 412)
        return json({ journey: { id: 'abandoned-cart', status: 'draft', draft: theirs, draftRevision: 4, liveVersion: null, draftSavedBy: 'Li Na' }, problems: [], schedule: null })
      }),
    )
    renderHook(() => useAutosave('abandoned-cart'))
    await openDraft('abandoned-cart')
    await waitFor(() => expect(useSaveState.getState().state).toBe('conflict'))
    render(<DraftConflict journeyId="abandoned-cart" onReloaded={() => {}} />)
    fireEvent.click(screen.getByRole('button', { name: 'Reload their draft (drop my changes)' }))
    await waitFor(() => expect(useSaveState.getState()).toMatchObject({ state: 'saved', revision: 4, conflict: undefined }))
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect([onScreen().name, pendingDraft('abandoned-cart'), calls]).toEqual([
      'Li Na’s draft',
      undefined,
      ['GET /api/journeys/abandoned-cart', 'PUT /api/journeys/abandoned-cart/draft', 'GET /api/journeys/abandoned-cart'],
    ])
  })

  it('sends a person whose session ended on another page to the sign-in page', () => {
    useSession.setState({ status: 'checking', user: undefined, csrfToken: undefined })
    sessionEnded()
    expect(useSession.getState().status).toBe('signed-out')
  })
})
