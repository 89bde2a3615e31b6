import type { JourneyDocument, JourneyHead } from '@recall/shared'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { JourneyRecord } from '../src/app/api'
import { useLocaleStore } from '../src/app/locale'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { pendingDraft } from '../src/editor/pending-draft'
import { useSaveState } from '../src/editor/save-state'
import { checkServerHead } from '../src/editor/server-head'
import { useEditor } from '../src/editor/store'
import { json, presenceSays, record, serve, stubPresence } from './editor-server'

beforeAll(stubPresence)

const SAVED_AT = 'Ada saved this draft at 2026-12-03 09:15 UTC (revision 4) after you opened it'
/** What the server answers a save naming revision 3 once Ada saved revision 4 (draftChangedError's shape). */
const adaSavedFirst = () =>
  json(
    {
      error: 'draft_changed',
      message: SAVED_AT,
      problems: [
        { code: 'draft_changed', severity: 'error', path: '/headers/if-match', message: { en: SAVED_AT, zh: SAVED_AT }, text: SAVED_AT },
        { code: 'changed_elsewhere', severity: 'warning', nodeId: 'cart-reminder', path: '/nodes/2', message: { en: 'x', zh: 'x' }, text: 'They changed "cart-reminder"' },
      ],
    },
    412,
  )

const head = (given: Partial<JourneyHead>): JourneyHead => ({ status: 'draft', draftRevision: 3, draftSavedBy: null, liveVersion: null, published: null, ...given })

/**
 * j1 (at draft revision 3) in the editor; `server.head` is what GET /head answers, `server.journey` what
 * reloading the journey answers. Answers the If-Match of each save sent.
 */
async function openJourney(locale: 'en' | 'zh-CN', journey: JourneyRecord, onSave: () => Response = adaSavedFirst) {
  useLocaleStore.setState({ locale })
  signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true }, csrfToken: 'c' })
  const server = { head: head({ status: journey.journey.status, liveVersion: journey.journey.liveVersion }), journey, ifMatches: [] as (string | undefined)[] }
  serve(journey, onSave, (url, init) => {
    if (url === '/api/journeys/j1/head') return json(server.head)
    // The version published elsewhere, which the versions panel compares the draft with.
    if (url === '/api/journeys/j1/versions/3') return json({ document: journey.journey.draft })
    if (init.method === 'PUT') server.ifMatches.push((init.headers as Record<string, string>)['if-match'])
    if (url === '/api/journeys/j1' && (init.method ?? 'GET') === 'GET') return json(server.journey)
    return undefined
  })
  render(<EditorPage journeyId="j1" />)
  await screen.findByRole('heading', { level: 1 })
  return server
}

const banner = () => screen.queryByTestId('colleague-changes')

describe('a colleague saving or publishing while I edit', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
    localStorage.clear()
  })

  it('says at once who saved a newer draft; keeping mine asks through the If-Match conflict, naming who saved, and overwrites nothing', async () => {
    const server = await openJourney('en', record('draft'))
    expect(banner()).toBeNull()
    server.head = head({ draftRevision: 4, draftSavedBy: 'Ada' })
    // The presence stream says a revision newer than this page's was saved: the page looks it up without waiting for its next look.
    presenceSays({ revision: 4, savedBy: 'Ada' })
    await waitFor(() => expect(banner()).not.toBeNull(), { timeout: 5000 })
    expect(banner()?.textContent).toBe(
      'Ada saved a newer draft (revision 4) while you had this one open. Keeping yours asks once more before it replaces theirs. Load their draft Keep mine',
    )

    fireEvent.click(within(banner() as HTMLElement).getByRole('button', { name: 'Keep mine' }))
    const conflict = await screen.findByText('Someone else saved this draft')
    expect([conflict.parentElement?.textContent?.startsWith(`Someone else saved this draft: ${SAVED_AT}`), server.ifMatches, banner()]).toEqual([true, ['"3"'], null])
    expect(useSaveState.getState().state).toBe('conflict')
  })

  it('loads their draft when asked, dropping my unsaved edit (also the copy kept in the browser), in Chinese', async () => {
    const server = await openJourney('zh-CN', record('draft'), () => json({ error: 'bad', message: '服务器出错', problems: [] }, 400))
    act(() => useEditor.getState().edit({ ...(useEditor.getState().document as JourneyDocument), name: '我的名字' }))
    await waitFor(() => expect(useSaveState.getState().state).toBe('failed'))
    const theirs = record('draft', 'Ada 的购物车')
    theirs.journey.draftRevision = 4
    server.journey = theirs
    server.head = head({ draftRevision: 4, draftSavedBy: 'Ada' })
    await act(() => checkServerHead('j1'))
    expect(banner()?.textContent).toBe(
      'Ada 在你打开此草稿期间保存了更新的草稿(第 4 版)。 你在此处的修改尚未保存。 保留你的草稿时,会在覆盖对方的草稿之前再次询问。 载入对方的草稿(放弃我的修改) 保留我的',
    )
    fireEvent.click(screen.getByRole('button', { name: '载入对方的草稿(放弃我的修改)' }))
    await screen.findByRole('heading', { level: 1, name: 'Ada 的购物车' })
    expect([useSaveState.getState().revision, useSaveState.getState().state, useEditor.getState().document?.name, pendingDraft('j1'), banner()]).toEqual([
      4,
      'saved',
      'Ada 的购物车',
      undefined,
      null,
    ])
  })

  it('says in the save status that the draft is behind a colleague’s newer draft, not "Saved", until theirs is loaded', async () => {
    const server = await openJourney('en', record('draft'))
    const status = () => document.querySelector('.toolbar .save')?.textContent
    expect(status()).toBe('Saved')
    server.head = head({ draftRevision: 4, draftSavedBy: 'Ada' })
    await act(() => checkServerHead('j1'))
    expect([status(), banner() !== null]).toEqual(['Behind: a newer draft is on the server', true])
    act(() => useLocaleStore.setState({ locale: 'zh-CN' }))
    expect(status()).toBe('落后:服务器上有更新的草稿')

    const theirs = record('draft', 'Ada’s cart')
    theirs.journey.draftRevision = 4
    server.journey = theirs
    fireEvent.click(screen.getByRole('button', { name: '载入对方的草稿' }))
    await screen.findByRole('heading', { level: 1, name: 'Ada’s cart' })
    expect([status(), banner()]).toEqual(['已保存', null])
  })

  it('takes a version published elsewhere into the page and says who published it, leaving the draft as it is', async () => {
    const server = await openJourney('en', record('live'))
    const draft = useEditor.getState().document
    expect(document.querySelector('.status--live')?.textContent).toBe('v2')
    server.head = head({ status: 'live', liveVersion: 3, published: { version: 3, by: 'Ada', at: '2026-12-03T09:20:00.000Z' } })
    await act(() => checkServerHead('j1'))
    const at = new Date('2026-12-03T09:20:00.000Z').toLocaleString('en')
    expect([banner()?.textContent, document.querySelector('.status--live')?.textContent, useEditor.getState().document === draft]).toEqual([
      `Ada published v3 at ${at}: contacts run on it now. OK`,
      'v3',
      true,
    ])
    fireEvent.click(screen.getByRole('button', { name: 'OK' }))
    expect(banner()).toBeNull()
    // An answer older than what the page knows (sent before a publish, answered after it) moves nothing back.
    server.head = head({ status: 'live', liveVersion: 2, published: { version: 2, by: 'Ada', at: '2026-12-01T09:20:00.000Z' } })
    await act(() => checkServerHead('j1'))
    expect([banner(), document.querySelector('.status--live')?.textContent]).toEqual([null, 'v3'])
  })

  it('names a scheduled publish and a draft saver no longer known in Chinese, as the server stores them in English', async () => {
    const server = await openJourney('zh-CN', record('live'))
    const at = '2026-12-03T09:20:00.000Z'
    server.head = head({ status: 'live', liveVersion: 3, draftRevision: 4, draftSavedBy: null, published: { version: 3, by: 'system (scheduled publish)', at } })
    await act(() => checkServerHead('j1'))
    expect(banner()?.textContent).toContain(`系统(定时发布) 于 ${new Date(at).toLocaleString('zh-CN')} 发布了第 3 版:联系人现在按此版本运行。`)
    expect(banner()?.textContent).toContain('有人 在你打开此草稿期间保存了更新的草稿(第 4 版)。')
  })
})
