import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { useSession } from '../src/app/session'
import { ContactDetail } from '../src/pages/contacts/ContactDetail'

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
const AT = '2026-12-04T06:05:33.000Z'

/** The contact API: O-1 in Shanghai, opted out by Ada once its opt-out was posted. */
function contactApi(calls: string[]) {
  let optedOut = false
  return vi.fn(async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`)
    if (url.endsWith('/opt-out')) {
      optedOut = true
      return json({ exited: 1, alreadyOptedOut: false })
    }
    const own = optedOut ? { optedOutAt: AT, optOutSource: 'admin', optedOutBy: 'Ada' } : { optedOutAt: null, optOutSource: null, optedOutBy: null }
    const contact = { externalId: 'O-1', phone: '+8613912345678', timeZone: null, consent: true, attributes: {}, suppressed: optedOut, numberSuppressed: optedOut, ...own }
    return json({ contact: { ...contact, numberOptOut: optedOut ? { at: AT, source: 'admin', by: 'Ada' } : null }, enrollments: [], messages: [], timeZone: 'Asia/Shanghai' })
  })
}

function signIn(role: 'viewer' | 'editor' | 'admin') {
  useSession.setState({ status: 'signed-in', user: { userId: 'u1', email: 'ada@shop.example', name: 'Ada', role, canPublish: false }, csrfToken: 'c' })
}

// Found by an outside tester: the contact page offered only "Delete contact", no way to opt the contact out.
describe('opting a contact out from its page', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('asks first, naming the contact and that it follows them to any number, then shows who opted them out', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn('editor')
    const calls: string[] = []
    vi.stubGlobal('fetch', contactApi(calls))
    render(<ContactDetail externalId="O-1" onDeleted={() => {}} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Opt out' }))
    const dialog = screen.getByRole('dialog', { name: 'Opt out O-1?' })
    expect(within(dialog).getByText(/follows this person to any number/).textContent).toBe(
      'The opt-out is recorded as yours and follows this person to any number: no marketing or recall message goes to them again, their number goes on the suppression list, and their marketing and recall journeys end. Only a colleague can lift it, on the Replies page after a START reply from them.',
    )
    fireEvent.click(within(dialog).getByRole('button', { name: 'Opt out' }))
    expect((await screen.findByTestId('opt-out-status')).textContent).toBe(
      'Ada opted this person out at 2026-12-04 14:05 Asia/Shanghai; only a colleague can lift it, on the Replies page after a START reply from them.',
    )
    expect(calls).toEqual(['GET /api/contacts/O-1', 'POST /api/contacts/O-1/opt-out', 'GET /api/contacts/O-1'])
    // Opted out: nothing more to opt out, and no opt-in by hand (only on the Replies page, after their START).
    expect(screen.queryByRole('button', { name: 'Opt out' })).toBeNull()
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('says it in Chinese', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    signIn('admin')
    vi.stubGlobal('fetch', contactApi([]))
    render(<ContactDetail externalId="O-1" onDeleted={() => {}} />)
    fireEvent.click(await screen.findByRole('button', { name: '退订' }))
    const dialog = screen.getByRole('dialog', { name: '将 O-1 退订?' })
    expect(within(dialog).getByText(/换用任何号码都有效/).textContent).toBe(
      '退订将记录为由您操作,并且此人换用任何号码都有效:不会再向其发送营销或召回短信,其号码加入退订名单,其营销和召回旅程将结束。只有在本人回复订阅后,同事才能在"回复"页面解除。',
    )
    fireEvent.click(within(dialog).getByRole('button', { name: '退订' }))
    expect((await screen.findByTestId('opt-out-status')).textContent).toBe('Ada 已于 2026年12月4日 14:05 Asia/Shanghai 将此人退订;本人回复订阅后,只能由同事在"回复"页面解除。')
  })

  it('offers a viewer no action', async () => {
    useLocaleStore.setState({ locale: 'en' })
    signIn('viewer')
    vi.stubGlobal('fetch', contactApi([]))
    render(<ContactDetail externalId="O-1" onDeleted={() => {}} />)
    await screen.findByText(/^Consent:/)
    expect(screen.queryAllByRole('button').map((button) => button.textContent)).toEqual([])
  })
})
