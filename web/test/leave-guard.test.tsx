import type { JourneyDocument } from '@recall/shared'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { navigate } from '../src/app/router'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { useEditor } from '../src/editor/store'
import { useSaveState } from '../src/editor/useAutosave'
import { json, record, serve, stubPresence } from './editor-server'

beforeAll(stubPresence)

const INTERNAL = 'Something went wrong on our side; nothing was changed'

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
  afterEach(() => vi.unstubAllGlobals())

  it('asks first when an edit is not saved, and stays when the person says no', async () => {
    await editorWithFailedSave()
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    fireEvent.click(screen.getByRole('link', { name: 'Settings' }))
    navigate('/journeys')
    expect([window.location.hash, confirm.mock.calls]).toEqual([
      '#/journeys/j1',
      [['Your changes to this journey are not saved yet. Leave the editor anyway?'], ['Your changes to this journey are not saved yet. Leave the editor anyway?']],
    ])
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
})
