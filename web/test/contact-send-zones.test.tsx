import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ContactDetail } from '../src/pages/contacts/ContactDetail'

const US_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'America/Adak', 'Pacific/Honolulu']

function answer(contact: { phone: string | null; timeZone: string | null }, sendZones: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify({ contact: { externalId: 'M-9', consent: true, suppressed: false, attributes: {}, ...contact }, enrollments: [], messages: [], sendZones }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    ),
  )
}

describe('the zone a contact’s sends are judged in', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('says a +1 contact without a zone is judged in every US zone, from the number, in English and Chinese', async () => {
    answer({ phone: '+12125550100', timeZone: null }, { timeZone: 'America/New_York', zones: US_ZONES, source: 'phone', country: 'US' })
    useLocaleStore.setState({ locale: 'en' })
    const { unmount } = render(<ContactDetail externalId="M-9" onDeleted={() => {}} />)
    expect((await screen.findByTestId('send-zones')).textContent).toBe(
      'Sends are judged in every time zone of United States (America/New_York … Pacific/Honolulu), from the number: a marketing text goes out only when it is inside the window in every one of them. Waits and dates use America/New_York.',
    )
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<ContactDetail externalId="M-9" onDeleted={() => {}} />)
    expect((await screen.findByTestId('send-zones')).textContent).toBe(
      '发送时段按号码所属国家美国的所有时区(America/New_York … Pacific/Honolulu)判断:营销短信只在所有这些时区都处于发送时段内时发出。等待和日期按 America/New_York 计算。',
    )
  })

  it('names the one zone of a +81 number', async () => {
    answer({ phone: '+819012345678', timeZone: null }, { timeZone: 'Asia/Tokyo', zones: ['Asia/Tokyo'], source: 'phone', country: 'JP' })
    useLocaleStore.setState({ locale: 'en' })
    render(<ContactDetail externalId="M-9" onDeleted={() => {}} />)
    expect((await screen.findByTestId('send-zones')).textContent).toBe('Sends are judged in Asia/Tokyo, from the number (Japan): the contact has no time zone of its own.')
  })

  it("says the workspace's zone is used when neither a zone nor the number's country is known", async () => {
    answer({ phone: null, timeZone: null }, { timeZone: 'Asia/Shanghai', zones: ['Asia/Shanghai'], source: 'default' })
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<ContactDetail externalId="M-9" onDeleted={() => {}} />)
    expect((await screen.findByTestId('send-zones')).textContent).toBe('发送时段按工作区默认时区 Asia/Shanghai 判断:联系人没有设置时区,号码所属国家未知。')
  })

  it('says a +86 contact stored in New York is judged in New York and Beijing time, in English and Chinese', async () => {
    answer(
      { phone: '+8613912345678', timeZone: 'America/New_York' },
      { timeZone: 'America/New_York', zones: ['America/New_York', 'Asia/Shanghai'], source: 'contact', country: 'CN' },
    )
    useLocaleStore.setState({ locale: 'en' })
    const { unmount } = render(<ContactDetail externalId="M-9" onDeleted={() => {}} />)
    expect((await screen.findByTestId('send-zones')).textContent).toBe(
      "Sends are judged in America/New_York (the contact's own zone) and Asia/Shanghai (China's legal time, from the number): a marketing text goes out only when both are inside the window. Waits and dates use America/New_York.",
    )
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<ContactDetail externalId="M-9" onDeleted={() => {}} />)
    expect((await screen.findByTestId('send-zones')).textContent).toBe(
      '发送时段按联系人时区 America/New_York 和中国法定时间 Asia/Shanghai(依据号码)判断:营销短信只在两者都处于发送时段内时发出。等待和日期按 America/New_York 计算。',
    )
  })

  it('adds nothing for a contact with a zone of its own: the heading names it', async () => {
    answer({ phone: '+12125550100', timeZone: 'Asia/Shanghai' }, { timeZone: 'Asia/Shanghai', zones: ['Asia/Shanghai'], source: 'contact' })
    useLocaleStore.setState({ locale: 'en' })
    render(<ContactDetail externalId="M-9" onDeleted={() => {}} />)
    expect(await screen.findByRole('heading', { level: 2 })).toHaveProperty('textContent', 'M-9 · +12125550100 · Asia/Shanghai')
    expect(screen.queryByTestId('send-zones')).toBeNull()
  })
})
