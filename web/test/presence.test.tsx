import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeAll, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { presenceSays, presenceStreamsOpened, record, serve, stubPresence } from './editor-server'

beforeAll(stubPresence)
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

/** Opens the editor as an editor, waits for its own presence stream, and has the server name these editors on it. */
async function openWithPresence(locale: 'en' | 'zh-CN', editors: { id: string; name: string; viewing: boolean }[]): Promise<void> {
  useLocaleStore.setState({ locale })
  signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true }, csrfToken: 'c' })
  serve(record('draft'))
  const opened = presenceStreamsOpened()
  render(<EditorPage journeyId="j1" />)
  await screen.findByRole('heading', { level: 1 })
  // On a busy machine the page's stream may open after its heading: speaking earlier spoke to the last test's.
  await vi.waitFor(() => expect(presenceStreamsOpened()).toBeGreaterThan(opened))
  presenceSays({ you: 'me', editors: [{ id: 'me', name: 'E', viewing: false }, ...editors] })
}

it.each([
  ['en', 'Also editing: Ada · Viewing: Li Na, Bo'],
  ['zh-CN', '同时在编辑: Ada · 正在查看: Li Na, Bo'],
] as const)('names colleagues who may only look as viewing, not editing (%s)', async (locale, said) => {
  await openWithPresence(locale, [
    { id: 'a', name: 'Ada', viewing: false },
    { id: 'l', name: 'Li Na', viewing: true },
    { id: 'b', name: 'Bo', viewing: true },
  ])
  expect(screen.getByTestId('presence').textContent).toBe(said)
})

it('names a colleague working through an API key by its maker, in the words of the page (zh-CN)', async () => {
  await openWithPresence('zh-CN', [{ id: 'k', name: '王丽 (API key "CI")', viewing: false }])
  expect(screen.getByTestId('presence').textContent).toBe('同时在编辑: 王丽(API 密钥"CI")')
})
