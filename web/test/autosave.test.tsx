import { renderHook, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sessionEnded, signedIn, useSession } from '../src/app/session'
import { pendingDraft } from '../src/editor/pending-draft'
import { useEditor } from '../src/editor/store'
import { saveNow, useAutosave, useSaveState } from '../src/editor/useAutosave'
import { openInEditor, template } from './helpers'

const USER = { userId: 'u1', email: 'ops@shop.example', name: 'Ops', role: 'editor' as const, canPublish: true }
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

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
    renderHook(() => useAutosave())
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

  it('sends a person whose session ended on another page to the sign-in page', () => {
    useSession.setState({ status: 'checking', user: undefined, csrfToken: undefined })
    sessionEnded()
    expect(useSession.getState().status).toBe('signed-out')
  })
})
