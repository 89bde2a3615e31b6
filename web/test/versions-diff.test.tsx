import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { useEditor } from '../src/editor/store'
import { VersionsPanel } from '../src/editor/VersionsPanel'
import { openInEditor, template } from './helpers'

const live = template('abandoned-cart')
const draft = structuredClone(live)
;(draft.nodes.find((node) => node.id === 'wait-1-day') as { data: { duration: { amount: number } } }).data.duration.amount = 5
;(draft.nodes.find((node) => node.id === 'cart-reminder') as { data: { text: string } }).data.text = '购物车还在等你'

function stubServer() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = url.endsWith('/versions')
        ? { versions: [{ version: 1, note: 'first', publishedAt: '2026-11-01T00:00:00Z' }] }
        : url.endsWith('/versions/1')
          ? { document: live }
          : url.endsWith('/counts')
            ? { counts: {} }
            : { journey: { draft, draftRevision: 3 }, problems: [] }
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
    }),
  )
}

describe('versions', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists what the draft changes, field by field, with both texts', async () => {
    useLocaleStore.setState({ locale: 'en' })
    stubServer()
    openInEditor(draft)
    render(<VersionsPanel journeyId="abandoned-cart" liveVersion={1} refreshKey={0} />)
    await screen.findByText('Wait 1 day → Wait 5 days')
    const reminder = screen.getByText('Message text changed').closest('li') as HTMLElement
    const liveReminder = live.nodes.find((node) => node.id === 'cart-reminder') as { data: { text: string } }
    expect(reminder.querySelector('del')?.textContent).toBe(liveReminder.data.text)
    expect(reminder.querySelector('ins')?.textContent).toBe('购物车还在等你')
  })

  it('restores a published version as the draft in one undoable step, without asking when nothing is unsaved', async () => {
    useLocaleStore.setState({ locale: 'en' })
    stubServer()
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    openInEditor(draft)
    useEditor.getState().showVersion({ version: 1, document: live })
    render(<VersionsPanel journeyId="abandoned-cart" liveVersion={1} refreshKey={0} />)
    fireEvent.click(screen.getByRole('button', { name: 'Restore this version as the draft' }))
    await waitFor(() => expect(useEditor.getState().document).toEqual(live))
    expect(useEditor.getState()).toMatchObject({ versionShown: undefined, savedDocument: draft })
    expect(confirm).not.toHaveBeenCalled()
    useEditor.getState().undo()
    expect(useEditor.getState().document).toEqual(draft)
  })
})
