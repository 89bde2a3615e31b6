import type { JourneyDocument } from '@recall/shared'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { useSaveState } from '../src/editor/save-state'
import { useEditor } from '../src/editor/store'
import { json, record, serve, stubPresence } from './editor-server'

beforeAll(stubPresence)

const INTERNAL = 'Something went wrong on our side; nothing was changed'
/** A save waits for the autosave's quiet time and, on a loaded machine, for the processor: a bound far above both. */
const SAVED = { timeout: 15_000 }
const DRAFT = record('live').journey.draft
/** v2 waits three days where the draft waits one. */
const V2: JourneyDocument = {
  ...DRAFT,
  nodes: DRAFT.nodes.map((node) => (node.id === 'wait-1-day' ? ({ ...node, data: { mode: 'duration', duration: { amount: 3, unit: 'days' } } } as typeof node) : node)),
}
const waitDays = (document: JourneyDocument | undefined) =>
  (document?.nodes.find((node) => node.id === 'wait-1-day')?.data as { duration: { amount: number } } | undefined)?.duration.amount
const reminderText = (document: JourneyDocument | undefined) => (document?.nodes.find((node) => node.id === 'cart-reminder')?.data as { text: string } | undefined)?.text

/** j1, live at v2, in the editor; its draft saves fail until `server.ok`. Answers what each save sent: the name, the wait, the reminder. */
async function openWithVersion(locale: 'en' | 'zh-CN') {
  useLocaleStore.setState({ locale })
  signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true }, csrfToken: 'c' })
  const server = { ok: false, revision: 3, saves: [] as [string, number | undefined, string | undefined][] }
  serve(
    record('live'),
    () => {
      if (!server.ok) return json({ error: 'bad', message: INTERNAL, problems: [] }, 400)
      server.revision += 1
      return json({ journey: { ...record('live').journey, draftRevision: server.revision }, problems: [] })
    },
    (url, init) => {
      if (init.method === 'PUT') {
        const sent = JSON.parse(String(init.body)) as JourneyDocument
        server.saves.push([sent.name, waitDays(sent), reminderText(sent)])
      }
      if (url === '/api/journeys/j1/versions') return json({ versions: [{ version: 2, note: 'first', publishedAt: '2026-12-01T09:00:00Z' }] })
      if (url === '/api/journeys/j1/versions/2') return json({ document: V2 })
      return undefined
    },
  )
  render(<EditorPage journeyId="j1" />)
  await screen.findByRole('heading', { level: 1 })
  // An edit of the draft that the server does not take: renamed, and the reminder reworded.
  const edited = {
    ...DRAFT,
    name: 'Renamed',
    nodes: DRAFT.nodes.map((node) => (node.id === 'cart-reminder' ? ({ ...node, data: { ...node.data, text: '还在等你' } } as typeof node) : node)),
  }
  act(() => useEditor.getState().edit(edited))
  await waitFor(() => expect(useSaveState.getState().state).toBe('failed'), SAVED)
  fireEvent.click(await screen.findByRole('button', { name: locale === 'en' ? 'View' : '查看' }))
  await screen.findByRole('button', { name: locale === 'en' ? 'Restore this version as the draft' : '将此版本恢复为草稿' })
  return server
}

/** The version shown, and the draft's name, wait and reminder. */
function page() {
  const { versionShown, document } = useEditor.getState()
  return [versionShown?.version, document?.name, waitDays(document), reminderText(document)]
}

const ASK =
  'Restoring v2 replaces the draft, and with it your changes not saved yet: changed "cart-reminder", the journey name or settings. They are saved first as a draft revision, and Undo (Ctrl/⌘+Z) brings them back. Restore v2?'

describe('restoring a published version over a draft edit not saved yet', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
    localStorage.clear()
  })

  it('asks first, naming the changes it replaces; "no" keeps everything, "yes" saves the edit as a revision, then restores, and Undo brings the edit back', async () => {
    const server = await openWithVersion('en')
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    const restore = () => fireEvent.click(screen.getByRole('button', { name: 'Restore this version as the draft' }))
    restore()
    expect([confirm.mock.calls, page()]).toEqual([[[ASK]], [2, 'Renamed', 1, '还在等你']])

    server.ok = true
    server.saves.length = 0
    confirm.mockReturnValue(true)
    restore()
    await waitFor(() => expect(server.saves).toHaveLength(2), SAVED)
    await waitFor(() => expect(useSaveState.getState().state).toBe('saved'), SAVED)
    // First the edit, as a draft revision of its own; then the version restored on top of it.
    expect([server.saves, page(), server.revision]).toEqual([
      [
        ['Renamed', 1, '还在等你'],
        ['Cart reminder', 3, reminderText(DRAFT)],
      ],
      [undefined, 'Cart reminder', 3, reminderText(DRAFT)],
      5,
    ])
    act(() => useEditor.getState().undo())
    expect(page()).toEqual([undefined, 'Renamed', 1, '还在等你'])
  })

  it('replaces nothing when the edit cannot be saved first, and says why', async () => {
    await openWithVersion('en')
    vi.stubGlobal('confirm', () => true)
    fireEvent.click(screen.getByRole('button', { name: 'Restore this version as the draft' }))
    const said = await screen.findByText(/^Not restored/)
    expect([said.textContent, page()]).toEqual([
      `Not restored: your changes could not be saved first, and restoring would replace them (${INTERNAL})`,
      [2, 'Renamed', 1, '还在等你'],
    ])
  })

  it('asks in Chinese', async () => {
    await openWithVersion('zh-CN')
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    fireEvent.click(screen.getByRole('button', { name: '将此版本恢复为草稿' }))
    expect(confirm.mock.calls).toEqual([
      ['恢复第 2 版会替换草稿,包括你尚未保存的修改:修改了"cart-reminder"、旅程名称或设置。这些修改会先保存为一个草稿修订版本,撤销(Ctrl/⌘+Z)可找回。要恢复第 2 版吗?'],
    ])
  })
})
