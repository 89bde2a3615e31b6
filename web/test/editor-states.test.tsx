import type { JourneyDocument } from '@recall/shared'
import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { useEditor } from '../src/editor/store'
import { json, presenceSays, record, serve, stubPresence } from './editor-server'

beforeAll(stubPresence)

function signIn() {
  signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true }, csrfToken: 'c' })
}

describe('the editor page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('opens an archived journey read-only: an Archived badge, no live panel, publish and simulate off, edits refused', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn()
    const saves = serve(record('archived'))
    render(<EditorPage journeyId="j1" />)
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Cart reminder')
    expect(document.querySelector('.status--archived')?.textContent).toBe('Archived')
    expect(screen.queryByRole('button', { name: '● Live' })).toBeNull()
    expect(document.querySelector('.problems')?.textContent).toBe('Archived: nothing here can be published')
    expect(screen.getByText(/This journey is archived and read-only/).textContent).toBe(
      'This journey is archived and read-only. To work on it again, use Duplicate on the journeys page: the copy is a new draft. Back to journeys',
    )
    expect(screen.getByRole('link', { name: 'Back to journeys' }).getAttribute('href')).toBe('#/journeys')
    expect((screen.getByRole('button', { name: /Publish/ }) as HTMLButtonElement).disabled).toBe(true)
    expect((screen.getByRole('button', { name: /Simulate/ }) as HTMLButtonElement).disabled).toBe(true)
    expect((screen.getByRole('button', { name: /Send SMS/ }) as HTMLButtonElement).disabled).toBe(true)
    const before = useEditor.getState().document as JourneyDocument
    act(() => useEditor.getState().edit({ ...before, name: 'Changed' }))
    expect(useEditor.getState().document?.name).toBe('Cart reminder')
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(saves).toEqual([])
  })

  it('says 已归档 in Chinese', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    signIn()
    serve(record('archived'))
    render(<EditorPage journeyId="j1" />)
    await screen.findByRole('heading', { level: 1 })
    expect(document.querySelector('.status--archived')?.textContent).toBe('已归档')
    expect(screen.getByText(/此旅程已归档/).textContent).toBe('此旅程已归档,只读。如需继续编辑,请在旅程列表中点击“复制”,副本是新的草稿。 返回旅程列表')
  })

  it('turns read-only when the journey was archived in another tab: the save answers 409 journey_archived', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn()
    const saves = serve(record('live'), () => json({ error: 'journey_archived', message: 'An archived journey cannot be edited' }, 409))
    render(<EditorPage journeyId="j1" />)
    await screen.findByRole('heading', { level: 1 })
    expect([document.querySelector('.status--live')?.textContent, screen.queryAllByRole('button', { name: '● Live' }).length]).toEqual(['v2', 1])
    const before = useEditor.getState().document as JourneyDocument
    act(() => useEditor.getState().edit({ ...before, name: 'Renamed' }))
    await screen.findByText(/This journey is archived and read-only/, undefined, { timeout: 3000 })
    expect(document.querySelector('.status--archived')?.textContent).toBe('Archived')
    expect(screen.queryByRole('button', { name: '● Live' })).toBeNull()
    act(() => useEditor.getState().edit({ ...before, name: 'Again' }))
    expect(useEditor.getState().document?.name).toBe('Renamed')
    expect(saves).toEqual(['/api/journeys/j1/draft'])
  })

  it('turns read-only at once, with no edit needed, when the presence stream says the journey was archived elsewhere', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn()
    serve(record('live'))
    render(<EditorPage journeyId="j1" />)
    await screen.findByRole('heading', { level: 1 })
    expect(document.querySelector('.status--archived')).toBeNull()
    presenceSays({ ended: 'archived' })
    expect(document.querySelector('.status--archived')?.textContent).toBe('Archived')
    expect(screen.queryByRole('button', { name: '● Live' })).toBeNull()
    expect((screen.getByRole('button', { name: /Publish/ }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('says at once that the journey was deleted when the presence stream says so', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn()
    serve(record('draft'))
    render(<EditorPage journeyId="j1" />)
    await screen.findByRole('heading', { level: 1 })
    expect(screen.queryByRole('alert')).toBeNull()
    presenceSays({ ended: 'deleted' })
    expect(screen.getByRole('alert').textContent).toMatch(/^This journey was deleted, perhaps in another tab or by a colleague/)
  })

  it('titles a journey with no name "Untitled journey"', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn()
    serve(record('draft', ''))
    render(<EditorPage journeyId="j1" />)
    const title = await screen.findByRole('heading', { level: 1 })
    expect([title.textContent, title.querySelector('.placeholder')?.textContent]).toEqual(['Untitled journey', 'Untitled journey'])
  })

  it('says the journey was deleted when a save answers 404, keeps the draft on screen, and sends nothing more', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn()
    const saves = serve(record('draft'), () => json({ error: 'not_found', message: 'Journey not found' }, 404))
    render(<EditorPage journeyId="j1" />)
    await screen.findByRole('heading', { level: 1 })
    const before = useEditor.getState().document as JourneyDocument
    act(() => useEditor.getState().edit({ ...before, name: 'Cart reminder, second try' }))
    const alert = await screen.findByText(/This journey was deleted/, undefined, { timeout: 3000 })
    expect(alert.textContent).toBe(
      'This journey was deleted, perhaps in another tab or by a colleague, so changes here can no longer be saved. What you see stays until you leave: copy any text you need. Back to journeys',
    )
    expect(screen.getByRole('link', { name: 'Back to journeys' }).getAttribute('href')).toBe('#/journeys')
    expect(screen.getByText('Journey deleted').className).toBe('save save--deleted')
    expect((screen.getByRole('button', { name: /Publish/ }) as HTMLButtonElement).disabled).toBe(true)
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Cart reminder, second try')
    act(() => useEditor.getState().edit({ ...before, name: 'Third try' }))
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(saves).toEqual(['/api/journeys/j1/draft'])
    expect(useEditor.getState().document?.name).toBe('Third try')
  })

  it('says so in Chinese too', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    signIn()
    serve(record('draft'), () => json({ error: 'not_found', message: 'Journey not found' }, 404))
    render(<EditorPage journeyId="j1" />)
    await screen.findByRole('heading', { level: 1 })
    const before = useEditor.getState().document as JourneyDocument
    act(() => useEditor.getState().edit({ ...before, name: '改名' }))
    const alert = await screen.findByText(/此旅程已被删除/, undefined, { timeout: 3000 })
    expect(alert.textContent).toBe('此旅程已被删除(可能在其他标签页或由同事删除),这里的修改无法再保存。离开本页前内容仍会保留,请复制需要的文字。 返回旅程列表')
    expect(document.querySelector('.save')?.textContent).toBe('旅程已删除')
  })
})
