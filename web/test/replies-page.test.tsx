import { fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { useSession } from '../src/app/session'
import { RepliesPage, type ReplyRow } from '../src/pages/RepliesPage'

const ROWS: ReplyRow[] = [
  {
    id: 3,
    provider: 'aliyun',
    phone: '+8613812349004',
    text: '不需要',
    receivedAt: '2026-12-03T02:03:00Z',
    contactId: 'W-1',
    action: null,
    suppressed: false,
    optOutSource: null,
    optedOutBy: null,
    reviewedBy: null,
    reviewedAt: null,
  },
  {
    id: 2,
    provider: 'sandbox',
    phone: '+8613812349002',
    text: 'TD',
    receivedAt: '2026-12-03T02:01:00Z',
    contactId: null,
    action: 'opted_out',
    suppressed: true,
    optOutSource: 'reply',
    optedOutBy: null,
    reviewedBy: null,
    reviewedAt: null,
  },
  {
    id: 1,
    provider: 'sandbox',
    phone: '+8613812349003',
    text: '订阅',
    receivedAt: '2026-12-03T02:00:00Z',
    contactId: null,
    action: 'opted_in',
    suppressed: false,
    optOutSource: null,
    optedOutBy: null,
    reviewedBy: null,
    reviewedAt: null,
  },
]
/** A START from a number an import put on the blocklist: held, the number still suppressed. */
const HELD: ReplyRow = {
  id: 4,
  provider: 'tencent',
  phone: '+8613812349005',
  text: '订阅',
  receivedAt: '2026-12-03T02:04:00Z',
  contactId: 'W-2',
  action: 'opt_in_held',
  suppressed: true,
  optOutSource: 'import',
  optedOutBy: null,
  reviewedBy: null,
  reviewedAt: null,
}
/** A START from a number a colleague opted out from the Replies page. */
const HELD_BY_ADMIN: ReplyRow = { ...HELD, id: 5, phone: '+8613812349006', optOutSource: 'admin', optedOutBy: 'Bo Chen' }

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

function signIn(role: 'viewer' | 'editor' | 'admin') {
  useSession.setState({ status: 'signed-in', user: { userId: 'u1', email: 'ada@shop.example', name: 'Ada', role, canPublish: true }, csrfToken: 'csrf-1' })
}

describe('replies page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists replies newest first with phone, contact link, text and what was done, in Chinese', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    signIn('viewer')
    vi.stubGlobal('fetch', async () => json({ replies: ROWS, next: null }))
    render(<RepliesPage />)
    const table = await screen.findByRole('table')
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['时间', '手机号', '联系人', '回复内容', '处理结果'])
    const rows = within(table).getAllByRole('row').slice(1)
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .slice(1)
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['+8613812349004', 'W-1', '不需要', '未处理'],
      ['+8613812349002', '—', 'TD', '已退订 (仍为退订状态)'],
      ['+8613812349003', '—', '订阅', '已重新订阅'],
    ])
    expect(within(table).getByRole('link', { name: 'W-1' }).getAttribute('href')).toBe('#/contacts?id=W-1')
    // A viewer reads; only editors and admins opt numbers out.
    expect(screen.queryByRole('button', { name: '退订此号码' })).toBeNull()
  })

  // Found by an outside tester: a STOP from a number its contact had left named no one, and nothing said
  // whether the person was still opted out.
  it('names the contact that left the number and says who is still opted out, in both languages', async () => {
    signIn('editor')
    const left: ReplyRow = { ...(ROWS[1] as ReplyRow), id: 7, contactId: 'M-1', contactLeftAt: '2026-12-01T02:00:00Z' }
    const lifted: ReplyRow = { ...left, id: 6, text: 'T', suppressed: false, optOutSource: null }
    vi.stubGlobal('fetch', async () => json({ replies: [left, lifted], next: null }))
    const cells = async () =>
      within(await screen.findByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .map((row) =>
          within(row)
            .getAllByRole('cell')
            .slice(2)
            .map((cell) => cell.textContent),
        )
    useLocaleStore.setState({ locale: 'en' })
    const { unmount } = render(<RepliesPage />)
    expect(await cells()).toEqual([
      ['M-1 (left this number)', 'TD', 'Opted out (still opted out)'],
      ['M-1 (left this number)', 'T', 'Opted out Opt out this number'],
    ])
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<RepliesPage />)
    expect(await cells()).toEqual([
      ['M-1 (已不再使用此号码)', 'TD', '已退订 (仍为退订状态)'],
      ['M-1 (已不再使用此号码)', 'T', '已退订 退订此号码'],
    ])
  })

  // Found by an outside tester: a reply whose contact was deleted since named nothing, as one from a number no contact ever held.
  it('labels a reply whose contact was deleted since, in both languages, with no link; a reply with no contact shows a dash', async () => {
    signIn('editor')
    const fromDeleted: ReplyRow = { ...(ROWS[1] as ReplyRow), id: 8, contactDeleted: true }
    const fromNobody: ReplyRow = { ...(ROWS[2] as ReplyRow), id: 9, contactDeleted: false }
    vi.stubGlobal('fetch', async () => json({ replies: [fromDeleted, fromNobody], next: null }))
    const contactCells = async () =>
      within(await screen.findByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .map((row) => (within(row).getAllByRole('cell')[2] as HTMLElement).textContent)
    useLocaleStore.setState({ locale: 'en' })
    const { unmount } = render(<RepliesPage />)
    expect(await contactCells()).toEqual(['deleted contact', '—'])
    expect(screen.queryAllByRole('link')).toEqual([])
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<RepliesPage />)
    expect(await contactCells()).toEqual(['已删除的联系人', '—'])
    expect(screen.queryAllByRole('link')).toEqual([])
  })

  it('says a held START was not applied and why, in both languages; a viewer gets no button on it', async () => {
    signIn('viewer')
    vi.stubGlobal('fetch', async () => json({ replies: [HELD], next: null }))
    useLocaleStore.setState({ locale: 'zh-CN' })
    const { unmount } = render(<RepliesPage />)
    const cell = (await screen.findAllByRole('cell')).at(-1) as HTMLElement
    expect(cell.textContent).toBe('订阅待审核 (由导入(黑名单、免打扰)退订,并非用户回复)')
    expect(within(cell).queryByRole('button')).toBeNull()
    unmount()
    useLocaleStore.setState({ locale: 'en' })
    render(<RepliesPage />)
    expect(((await screen.findAllByRole('cell')).at(-1) as HTMLElement).textContent).toBe('Opt-in held for review (opted out by an import (blocklist, DNC), not by a reply)')
  })

  // Found by an outside tester: a held START had no action, and "opted out by a colleague" named nobody.
  it('names the colleague who opted the number out, in both languages', async () => {
    signIn('viewer')
    vi.stubGlobal('fetch', async () => json({ replies: [HELD_BY_ADMIN], next: null }))
    useLocaleStore.setState({ locale: 'en' })
    const { unmount } = render(<RepliesPage />)
    expect(((await screen.findAllByRole('cell')).at(-1) as HTMLElement).textContent).toBe('Opt-in held for review (opted out by Bo Chen, not by a reply)')
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<RepliesPage />)
    expect(((await screen.findAllByRole('cell')).at(-1) as HTMLElement).textContent).toBe('订阅待审核 (由 Bo Chen 操作退订,并非用户回复)')
  })

  it('an editor lifts the opt-out of a held START after confirming: the row says opted in and who reviewed it', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn('editor')
    const calls: { url: string; method: string; body: unknown }[] = []
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : null })
      return init.method === 'POST'
        ? json({ action: 'opted_in', reviewedBy: 'Ada', reviewedAt: '2026-12-03T03:00:00.000Z' })
        : json({ replies: [HELD_BY_ADMIN, { ...ROWS[1], phone: HELD_BY_ADMIN.phone, id: 1 }], next: null })
    })
    render(<RepliesPage />)
    fireEvent.click(await screen.findByRole('button', { name: 'Lift opt-out' }))
    const dialog = screen.getByRole('dialog', { name: 'Lift the opt-out of +8613812349006?' })
    expect(within(dialog).getByRole('paragraph').textContent).toBe(
      'The number replied START, but it was opted out by Bo Chen, not by a reply. Lifted, it gets marketing and recall messages again. Lift it only when you are sure the person asked for them; your name is recorded with the decision.',
    )
    // Cancelling asks nothing of the server.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(calls.filter((call) => call.method === 'POST')).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Lift opt-out' }))
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Lift opt-out' }))
    const first = screen.getAllByRole('row')[1] as HTMLElement
    expect((await within(first).findByText('Opted in')).className).toBe('status status--delivered')
    // Opted in, the number may be opted out again from here, as any reply's.
    expect((within(first).getAllByRole('cell').at(-1) as HTMLElement).textContent).toBe('Opted in (reviewed by Ada) Opt out this number')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(calls.at(-1)).toEqual({ url: '/api/replies/5/review', method: 'POST', body: { decision: 'lift' } })
    // The earlier TD from the number is no longer suppressed either.
    expect(
      (
        within(screen.getAllByRole('row')[2] as HTMLElement)
          .getAllByRole('cell')
          .at(-1) as HTMLElement
      ).textContent,
    ).toBe('Opted out Opt out this number')
  })

  it('an admin keeps a held START opted out, in Chinese; a refusal shows in the dialog in the server words', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    signIn('admin')
    let refuse = true
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      if (init.method !== 'POST') return json({ replies: [HELD], next: null })
      if (refuse) return json({ error: 'reply_already_reviewed', message: 'Ada 已审核过这条订阅回复:保持退订', problems: [] }, 409)
      return json({ action: 'opt_out_kept', reviewedBy: 'Bo', reviewedAt: '2026-12-03T03:00:00.000Z' })
    })
    render(<RepliesPage />)
    fireEvent.click(await screen.findByRole('button', { name: '保持退订' }))
    const dialog = screen.getByRole('dialog', { name: '保持 +8613812349005 退订?' })
    expect(within(dialog).getByRole('paragraph').textContent).toBe('号码保持退订,这条订阅回复将移出待审核列表;您的姓名会随此决定一并记录。')
    fireEvent.click(within(dialog).getByRole('button', { name: '保持退订' }))
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Ada 已审核过这条订阅回复:保持退订')
    refuse = false
    fireEvent.click(within(dialog).getByRole('button', { name: '保持退订' }))
    const row = screen.getAllByRole('row')[1] as HTMLElement
    await vi.waitFor(() => expect((within(row).getAllByRole('cell').at(-1) as HTMLElement).textContent).toBe('保持退订 (审核人:Bo)'))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('filters to replies that need review, and pages with `before`', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn('viewer')
    const urls: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url)
      const page = Array.from({ length: url.includes('before') ? 1 : 100 }, (_, index) => ({ ...ROWS[0], id: (url.includes('before') ? 900 : 1000) - index }) as ReplyRow)
      return json({ replies: page, next: url.includes('before') ? null : '901' })
    })
    render(<RepliesPage />)
    await screen.findByRole('table')
    fireEvent.click(screen.getByRole('checkbox', { name: 'Needs review only (not read as stop or start, or an opt-in held)' }))
    await vi.waitFor(() => expect(urls.at(-1)).toBe('/api/replies?limit=100&review=true'))
    fireEvent.click(await screen.findByRole('button', { name: 'Older replies' }))
    await vi.waitFor(() => expect(urls.at(-1)).toBe('/api/replies?limit=100&review=true&before=901'))
    await vi.waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(102))
    expect(screen.queryByRole('button', { name: 'Older replies' })).toBeNull()
  })

  it('an editor opts a number out from a row: the row says opted out and the button goes', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn('editor')
    const calls: { url: string; method: string; csrf: string | null }[] = []
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, method: init.method ?? 'GET', csrf: new Headers(init.headers).get('x-csrf-token') })
      return init.method === 'POST' ? json({ exited: 1, alreadySuppressed: false }) : json({ replies: ROWS, next: null })
    })
    render(<RepliesPage />)
    const table = await screen.findByRole('table')
    const buttons = within(table).getAllByRole('button', { name: 'Opt out this number' })
    // TD's number is already suppressed: only 不需要 and 订阅 can be opted out.
    expect(buttons).toHaveLength(2)
    fireEvent.click(buttons[0] as HTMLElement)
    // Asked again first: nothing is sent until the dialog is confirmed.
    expect(calls.filter((call) => call.method === 'POST')).toEqual([])
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Opt out +8613812349004?' })).getByRole('button', { name: 'Opt out this number' }))
    const first = within(table).getAllByRole('row')[1] as HTMLElement
    expect((await within(first).findByText('Opted out')).className).toBe('status status--failed')
    expect((within(first).getAllByRole('cell').at(-1) as HTMLElement).textContent).toBe('Opted out (by Ada)')
    expect(within(first).queryByRole('button')).toBeNull()
    expect(within(table).getAllByRole('button', { name: 'Opt out this number' })).toHaveLength(1)
    expect(calls.at(-1)).toEqual({ url: '/api/replies/3/opt-out', method: 'POST', csrf: 'csrf-1' })
  })

  it('shows a refusal in the server words', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn('admin')
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) =>
      init.method === 'POST' ? json({ error: 'reply_not_found', message: 'No such reply', problems: [] }, 404) : json({ replies: [ROWS[0]], next: null }),
    )
    render(<RepliesPage />)
    fireEvent.click(await screen.findByRole('button', { name: 'Opt out this number' }))
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Opt out this number' }))
    expect((await within(screen.getByRole('dialog')).findByRole('alert')).textContent).toBe('No such reply')
  })
})
