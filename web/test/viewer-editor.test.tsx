import type { JourneyDocument, Role } from '@recall/shared'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { useEditor } from '../src/editor/store'
import { record, serve, stubPresence } from './editor-server'

beforeAll(stubPresence)

/** Signs in with the role and opens journey j1 in the editor; answers the draft saves sent. */
async function openAs(role: Role, status: 'draft' | 'live' = 'draft', locale: 'en' | 'zh-CN' = 'en') {
  useLocaleStore.setState({ locale })
  signedIn({ user: { userId: 'u', email: 'v@shop.example', name: 'V', role, canPublish: role !== 'viewer' }, csrfToken: 'c' })
  const saves = serve(record(status))
  render(<EditorPage journeyId="j1" />)
  await screen.findByRole('heading', { level: 1 })
  return saves
}

const button = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement

/**
 * Selects a node and waits for its form. The page's own requests may still be answering when a test
 * acts (on a loaded machine, long after the heading shows): a render they scheduled outside act takes
 * the selection's render along, so the form shows a moment after act returns, not within it.
 */
async function nodeForm(nodeId: string): Promise<HTMLFieldSetElement> {
  act(() => useEditor.getState().select([nodeId]))
  return waitFor(() => {
    const form = document.querySelector<HTMLFieldSetElement>('fieldset.inspector__body')
    if (!form) throw new Error(`the form of ${nodeId} is not shown yet`)
    return form
  })
}
const VIEW_ONLY_EN =
  'View only: your role is viewer. You can look at this journey, its versions and live results, but not change, publish or schedule it; an admin can change your role.'

describe('the editor for a viewer', () => {
  // Unmounted before the fake server goes: a request the page still makes must not reach the real fetch.
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('is read-only: says so, palette, canvas tools and publish off, the inspector disabled, edits kept from the draft and never saved', async () => {
    const saves = await openAs('viewer')
    expect(screen.getByText(/^View only: your role is viewer/).textContent).toBe(VIEW_ONLY_EN)
    expect(document.querySelector('.toolbar .badge')?.textContent).toBe('View only')
    expect(document.querySelector('.toolbar .save')).toBeNull()
    expect([button(/Publish/).disabled, button(/Publish/).title]).toEqual([true, 'Viewers cannot change journeys'])
    const palette = [...document.querySelectorAll<HTMLButtonElement>('.palette__item')]
    expect(palette.map((item) => [item.disabled, item.draggable])).toEqual(palette.map(() => [true, false]))
    expect([/Undo/, /Redo/, /Duplicate/, /Auto-layout/, /Note/].map((name) => button(name).disabled)).toEqual([true, true, true, true, true])
    // Simulations are for those who build journeys (the Simulate button says why itself).
    expect(button(/Simulate/).disabled).toBe(true)

    expect((await nodeForm('cart-reminder')).disabled).toBe(true)
    expect(screen.queryByRole('button', { name: 'Send test' })).toBeNull()

    // The clock is the test's from here: whatever save the refused edits might have started is due once it moves on.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const before = useEditor.getState().document as JourneyDocument
    act(() => useEditor.getState().edit({ ...before, name: 'Changed' }))
    fireEvent.keyDown(window, { key: 'd', ctrlKey: true })
    expect(useEditor.getState().document).toBe(before)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(saves).toEqual([])
  })

  it('says 仅查看 in Chinese', async () => {
    await openAs('viewer', 'draft', 'zh-CN')
    expect(screen.getByText(/^仅查看:/).textContent).toBe('仅查看:你的角色是查看者。你可以查看此旅程、版本和实时结果,但不能修改、发布或定时发布;管理员可以更改你的角色。')
    expect(document.querySelector('.toolbar .badge')?.textContent).toBe('仅查看')
    expect(button(/发布/).title).toBe('查看者不能修改旅程')
  })

  it('still opens the live view of a published journey, without Pause', async () => {
    await openAs('viewer', 'live')
    fireEvent.click(button('● Live'))
    // The live panel with its ranges, its results failing to load in this test as they would on a failed answer.
    expect((await screen.findByRole('region', { name: 'Live' })).textContent).toBe('LiveSince launchLast 24 hoursLast 7 daysNo results in this test')
    expect(screen.queryByRole('button', { name: 'Pause journey' })).toBeNull()
  })

  it('stays editable for an editor: no notice, the palette on, the inspector enabled', async () => {
    await openAs('editor')
    expect(screen.queryByText(/^View only/)).toBeNull()
    expect((document.querySelector('.palette__item') as HTMLButtonElement).disabled).toBe(false)
    expect((await nodeForm('cart-reminder')).disabled).toBe(false)
  })
})
