import type { PublishEvent } from '@recall/shared'
import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { useSession } from '../src/app/session'
import { PublishHistory } from '../src/editor/approvals/PublishHistory'
import { ContactDetail } from '../src/pages/contacts/ContactDetail'
import { RepliesPage, type ReplyRow } from '../src/pages/RepliesPage'

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
const KEY = 'Key maker (API key "CI")'

const published = (id: number, actor: string): PublishEvent => ({
  id,
  kind: 'published',
  version: id,
  draftRevision: id,
  documentHash: 'e'.repeat(64),
  actor,
  text: `note ${id}`,
  approvalId: null,
  forecast: null,
  at: '2026-12-01T04:00:00.000Z',
})

/** Who did something, as the server stores it (in English), is shown in the page's language. */
describe('actor names on the pages, in Chinese', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('the publishing history names an API key, a scheduled publish (as stored now and before) and the system', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const events = [published(4, KEY), published(3, 'Ada (scheduled publish)'), published(2, 'Gus (scheduled)'), published(1, 'system')]
    vi.stubGlobal('fetch', async (url: string) => json(url.endsWith('/history') ? { events } : { approvals: [] }))
    render(<PublishHistory journeyId="abandoned-cart" draftRevision={4} refreshKey={0} onApproved={() => {}} />)
    await screen.findByText('note 1')
    expect([...document.querySelectorAll('.history li strong')].map((name) => name.textContent)).toEqual(['Key maker(API 密钥"CI")', 'Ada(定时发布)', 'Gus(定时发布)', '系统'])
  })

  it('the Replies page names the key that reviewed a held START', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    useSession.setState({ status: 'signed-in', user: { userId: 'u1', email: 'ada@shop.example', name: 'Ada', role: 'viewer', canPublish: false }, csrfToken: 'c' })
    const row: ReplyRow = {
      id: 7,
      provider: 'sandbox',
      phone: '+8613812349007',
      text: '订阅',
      receivedAt: '2026-12-03T02:04:00Z',
      contactId: null,
      action: 'opt_out_kept',
      suppressed: true,
      optOutSource: 'complaint',
      optedOutBy: null,
      reviewedBy: KEY,
      reviewedAt: '2026-12-03T03:00:00Z',
    }
    vi.stubGlobal('fetch', async () => json({ replies: [row], next: null }))
    render(<RepliesPage />)
    const cells = within(await screen.findByRole('table')).getAllByRole('cell')
    expect(cells.at(-1)?.textContent).toBe('保持退订 (审核人:Key maker(API 密钥"CI"))')
  })

  it("a contact's page names the key of an admin opt-out, and a colleague when no one is recorded", async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const at = '2026-12-03T02:00:00.000Z'
    for (const [optedOutBy, name] of [
      [KEY, 'Key maker(API 密钥"CI")'],
      [null, '同事'],
    ] as const) {
      const contact = { externalId: 'O-1', phone: '+8613912345678', timeZone: null, consent: true, attributes: {}, suppressed: true, numberSuppressed: false }
      vi.stubGlobal('fetch', async () => json({ contact: { ...contact, optedOutAt: at, optOutSource: 'admin', optedOutBy }, enrollments: [], messages: [] }))
      const { unmount } = render(<ContactDetail externalId="O-1" onDeleted={() => {}} />)
      const status = (await screen.findByTestId('opt-out-status')).textContent
      expect(status).toMatch(new RegExp(`^${name.replace(/[()"]/g, '\\$&')} 已于 .+ 将此人退订;本人回复订阅后,只能由同事在"回复"页面解除。$`))
      unmount()
    }
  })
})
