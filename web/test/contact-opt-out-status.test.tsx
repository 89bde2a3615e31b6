import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ContactDetail } from '../src/pages/contacts/ContactDetail'

const AT = '2026-12-03T02:00:00.000Z'

function answer(contact: Record<string, unknown>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(
          JSON.stringify({ contact: { externalId: 'O-1', phone: '+8613912345678', timeZone: null, consent: true, attributes: {}, ...contact }, enrollments: [], messages: [] }),
          {
            status: 200,
            headers: { 'content-type': 'application/json' },
          },
        ),
    ),
  )
}

async function shown(locale: 'en' | 'zh-CN') {
  useLocaleStore.setState({ locale })
  const { unmount } = render(<ContactDetail externalId="O-1" onDeleted={() => {}} />)
  const text = (await screen.findByTestId('opt-out-status')).textContent
  unmount()
  return text
}

// Left by the last session: a person's opt-out carried from an earlier number was shown as "on the
// suppression list", which their number is not; and who made it, when, and who can lift it was not said.
describe("a contact's opt-out, as its page says it", () => {
  afterEach(() => vi.unstubAllGlobals())

  it("names the person's own reply, its time and that it follows them, apart from the number", async () => {
    answer({ suppressed: true, numberSuppressed: false, optedOutAt: AT, optOutSource: 'reply', optedOutBy: null })
    expect(await shown('en')).toBe(`Opted out ${new Date(AT).toLocaleString('en')}: replied to opt out. It follows the person to any number they get; their own START lifts it.`)
    expect(await shown('zh-CN')).toBe(`已于 ${new Date(AT).toLocaleString('zh-CN')} 退订:本人回复退订。无论此人换用哪个号码都有效;本人回复订阅可恢复。`)
  })

  it('names the colleague of an admin opt-out, and adds that the number is suppressed too', async () => {
    answer({ suppressed: true, numberSuppressed: true, optedOutAt: AT, optOutSource: 'admin', optedOutBy: 'Ada' })
    expect(await shown('en')).toBe(
      `Opted out ${new Date(AT).toLocaleString('en')}: by Ada. Only a colleague can lift it, on the Replies page. This number is on the suppression list too.`,
    )
  })

  it('says only the number is suppressed when the person never opted out, and nothing when neither', async () => {
    answer({ suppressed: true, numberSuppressed: true, optedOutAt: null, optOutSource: null })
    expect(await shown('zh-CN')).toBe('此号码在退订名单中:不会向其发送营销或召回短信')
    answer({ suppressed: false, numberSuppressed: false, optedOutAt: null, optOutSource: null })
    useLocaleStore.setState({ locale: 'en' })
    render(<ContactDetail externalId="O-1" onDeleted={() => {}} />)
    // The consent line is drawn, with nothing after it.
    expect((await screen.findByText(/^Consent:/)).textContent?.trim()).toBe('Consent: ✓')
    expect(screen.queryByTestId('opt-out-status')).toBeNull()
  })
})
