import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { RepliesPage } from '../src/pages/RepliesPage'
import { visibleControls } from '../src/pages/replies/ReplyText'
import { json, replyCells, replyRow, signIn } from './replies-support'

// Found by an outside tester: defects of the Replies page, each with the words it shows in en and zh.
describe('replies page, as an outside tester found it', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('a reply from before its number was taken names no one, says so, and offers no opt-out', async () => {
    signIn('editor')
    vi.stubGlobal('fetch', async () =>
      json({
        replies: [
          replyRow({ id: 1, text: 'T', action: 'opted_out', suppressed: true, optOutSource: 'reply', numberChangedHands: true }),
          replyRow({ id: 2, numberChangedHands: true }),
        ],
        next: null,
      }),
    )
    useLocaleStore.setState({ locale: 'en' })
    const { unmount } = render(<RepliesPage />)
    expect(await replyCells()).toEqual([
      ['— (number taken by another contact since)', 'T', 'Opted out (still opted out)'],
      ['— (number taken by another contact since)', '不需要', 'Nothing'],
    ])
    expect(screen.queryByRole('button', { name: 'Opt out this number' })).toBeNull()
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<RepliesPage />)
    expect(await replyCells()).toEqual([
      ['— (此号码之后已由其他联系人使用)', 'T', '已退订 (仍为退订状态)'],
      ['— (此号码之后已由其他联系人使用)', '不需要', '未处理'],
    ])
  })
})

describe('replies page labels say what a START did', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('a START sent before the opt-out, one with nothing to lift, one for a contact without consent; no "still opted out" on a reply older than the opt-out', async () => {
    signIn('viewer')
    const optedOutAt = '2026-12-03T02:30:00.000Z'
    vi.stubGlobal('fetch', async () =>
      json({
        replies: [
          replyRow({ id: 5, text: 'START', contactId: 'C-5', action: 'opted_in', contactConsent: false }),
          replyRow({ id: 4, text: '订阅', action: 'opt_in_nothing' }),
          replyRow({ id: 3, text: 'TD', contactId: 'C-1', action: 'opted_out', suppressed: true, optOutSource: 'reply', optedOutAt, receivedAt: optedOutAt }),
          replyRow({ id: 2, text: 'START', contactId: 'C-1', action: 'opt_in_too_early', suppressed: true, optOutSource: 'reply', optedOutAt, receivedAt: '2026-12-03T02:25:00Z' }),
          replyRow({ id: 1, text: '你好', contactId: 'C-1', suppressed: true, optOutSource: 'reply', optedOutAt, receivedAt: '2026-12-03T02:20:00Z' }),
        ],
        next: null,
      }),
    )
    useLocaleStore.setState({ locale: 'en' })
    const { unmount } = render(<RepliesPage />)
    expect((await replyCells()).map((cells) => cells.slice(1))).toEqual([
      ['START', 'Opted in (no marketing consent)'],
      ['订阅', 'Nothing to lift: not opted out'],
      ['TD', 'Opted out (still opted out)'],
      ['START', 'START ignored: sent before the opt-out'],
      ['你好', 'Nothing'],
    ])
    expect(screen.getByText('Opted in').className).toBe('status')
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<RepliesPage />)
    expect((await replyCells()).map((cells) => cells.slice(1))).toEqual([
      ['START', '已重新订阅 (未同意接收营销短信)'],
      ['订阅', '无需恢复:未处于退订状态'],
      ['TD', '已退订 (仍为退订状态)'],
      ['START', '订阅未生效:发送于退订之前'],
      ['你好', '未处理'],
    ])
  })
})

describe('replies page paging', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('a double click on "Older replies" asks once, a page overlapping the last adds each reply once, and a page asked for before a filter change is dropped', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn('viewer')
    const urls: string[] = []
    const pending: (() => void)[] = []
    const ids = (from: number, count: number) => Array.from({ length: count }, (_, index) => replyRow({ id: from - index }))
    vi.stubGlobal('fetch', (url: string) => {
      urls.push(url)
      if (!url.includes('before')) return Promise.resolve(json({ replies: url.includes('review') ? ids(50, 3) : ids(1000, 100), next: url.includes('review') ? null : '901' }))
      // The older page starts at the last reply of the page before (one came in meanwhile) and ends the list.
      return new Promise<Response>((resolve) => pending.push(() => resolve(json({ replies: ids(901, 42), next: null }))))
    })
    render(<RepliesPage />)
    const older = await screen.findByRole('button', { name: 'Older replies' })
    fireEvent.click(older)
    fireEvent.click(older)
    expect(urls.filter((url) => url.includes('before'))).toEqual(['/api/replies?limit=100&before=901'])
    expect((older as HTMLButtonElement).disabled).toBe(true)
    pending.shift()?.()
    await vi.waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(1 + 141))
    cleanup()

    render(<RepliesPage />)
    fireEvent.click(await screen.findByRole('button', { name: 'Older replies' }))
    fireEvent.click(screen.getByRole('checkbox'))
    await vi.waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(1 + 3))
    pending.shift()?.()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(screen.getAllByRole('row')).toHaveLength(1 + 3)
  })
})

describe('opting a number out from a reply', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('asks first, in Chinese; cancelled, nothing is sent; confirmed, the row names who opted it out', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    signIn('editor')
    const posts: string[] = []
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      if (init.method === 'POST') posts.push(url)
      return init.method === 'POST' ? json({ exited: 0, alreadySuppressed: false }) : json({ replies: [replyRow({ id: 9, contactId: 'W-9' })], next: null })
    })
    render(<RepliesPage />)
    fireEvent.click(await screen.findByRole('button', { name: '退订此号码' }))
    const dialog = screen.getByRole('dialog', { name: '退订 +8613812349004?' })
    expect(within(dialog).getByRole('paragraph').textContent).toBe(
      '此号码将不再收到营销和召回短信,其营销和召回旅程随即结束。您所做的退订不能由用户自己的订阅回复恢复:该回复会留待同事审核。您的姓名会随此退订一并记录。',
    )
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(posts).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: '退订此号码' }))
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '退订此号码' }))
    await vi.waitFor(async () => expect((await replyCells())[0]).toEqual(['W-9', '不需要', '已退订 (操作人:Ada)']))
    expect(posts).toEqual(['/api/replies/9/opt-out'])
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})

describe('long and right-to-left replies', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('a long reply is folded to its first 320 characters and says what was not kept; a bidi override is shown as a visible mark in its own <bdi>', async () => {
    signIn('viewer')
    const long = `${'好'.repeat(1_599)}尾`
    const override = 'abc\u202Edef'
    vi.stubGlobal('fetch', async () => json({ replies: [replyRow({ id: 2, text: long, textCut: 898_400 }), replyRow({ id: 1, text: override })], next: null }))
    useLocaleStore.setState({ locale: 'en' })
    const { unmount } = render(<RepliesPage />)
    const [first, second] = (await replyCells()).map((cells) => cells[1])
    expect(first).toBe(`${'好'.repeat(320)}… (898,400 more characters were not kept) Show all (1,600 characters)`)
    expect(second).toBe('abc⟨U+202E⟩def')
    const texts = screen.getAllByRole('cell').filter((cell) => cell.className === 'reply-text')
    expect(texts.map((cell) => cell.querySelector('bdi')?.textContent)).toEqual([`${'好'.repeat(320)}…`, 'abc⟨U+202E⟩def'])
    fireEvent.click(screen.getByRole('button', { name: 'Show all (1,600 characters)' }))
    expect(texts[0]?.querySelector('bdi')?.textContent).toBe(long)
    expect(screen.getByRole('button', { name: 'Show less' }).textContent).toBe('Show less')
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<RepliesPage />)
    expect((await replyCells())[0]?.[1]).toBe(`${'好'.repeat(320)}… (另有 898,400 个字符未保存) 显示全部(1,600 个字符)`)
  })
})

describe('direction marks in a reply', () => {
  it('are shown visibly, each one, so the text reads in the order it was sent', () => {
    expect(visibleControls('\u202E退订')).toBe('⟨U+202E⟩退订')
    expect(visibleControls('Hi \u202ESTOP gnikcol\u202C tail \u2067rtl\u2069 done\u200F')).toBe('Hi ⟨U+202E⟩STOP gnikcol⟨U+202C⟩ tail ⟨U+2067⟩rtl⟨U+2069⟩ done⟨U+200F⟩')
    expect(visibleControls('退订 STOP')).toBe('退订 STOP')
  })
})

describe('the contact column', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('names the contact with its id, and the id alone when it has no name', async () => {
    signIn('viewer')
    useLocaleStore.setState({ locale: 'zh-CN' })
    vi.stubGlobal('fetch', async () =>
      json({ replies: [replyRow({ id: 2, contactId: 'demo-000024', contactName: '张伟' }), replyRow({ id: 1, contactId: 'demo-000025' })], next: null }),
    )
    render(<RepliesPage />)
    expect((await replyCells()).map((cells) => cells[0])).toEqual(['张伟 (demo-000024)', 'demo-000025'])
    expect(screen.getByRole('link', { name: '张伟 (demo-000024)' }).getAttribute('href')).toBe('#/contacts?id=demo-000024')
  })
})
