import { render, renderHook, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { signedIn } from '../src/app/session'
import { JourneySettingsInspector } from '../src/editor/JourneySettingsInspector'
import { useSaveState } from '../src/editor/save-state'
import { useEditor } from '../src/editor/store'
import { useAutosave } from '../src/editor/useAutosave'
import { openInEditor, template } from './helpers'

describe('a journey with its name cleared', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('is saved as a draft and shows "Give the journey a name" at the field', async () => {
    signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true }, csrfToken: 'c' })
    openInEditor(template('abandoned-cart'))
    useSaveState.setState({ state: 'saved', revision: 1, conflict: undefined, error: undefined })
    const sent: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        const body = JSON.parse(String(init?.body))
        sent.push(body.name)
        return new Response(JSON.stringify({ journey: { draftRevision: 2, draft: body }, problems: [] }), { status: 200, headers: { 'content-type': 'application/json' } })
      }),
    )
    renderHook(() => useAutosave('abandoned-cart'))
    render(<JourneySettingsInspector />)
    const document = useEditor.getState().document
    if (!document) throw new Error('no document')
    useEditor.getState().edit({ ...document, name: '' })
    await waitFor(() => expect(useSaveState.getState().state).toBe('saved'))
    expect(sent).toEqual([''])
    expect((await screen.findByRole('alert')).textContent).toBe('Give the journey a name')
  })
})
