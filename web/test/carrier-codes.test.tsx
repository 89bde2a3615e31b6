import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { MessagesPage } from '../src/pages/MessagesPage'

const failed = (id: number, carrierCode: string) => ({
  id,
  journeyId: 'win-back',
  contactId: `M-${id}`,
  nodeId: 'first-touch',
  channel: 'sms',
  status: 'failed',
  text: '【乐享】好久不见 回T退订',
  parts: 1,
  createdAt: '2026-11-24T02:00:00Z',
  carrierCode,
})

describe('carrier codes on the message list', () => {
  afterEach(() => vi.unstubAllGlobals())

  async function codesShown(locale: 'zh-CN' | 'en') {
    useLocaleStore.setState({ locale })
    const page = { messages: [failed(1, 'MOBILE_NOT_ON_SERVICE'), failed(2, 'MK:0001')], next: null }
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } }))
    const { unmount } = render(<MessagesPage />)
    await screen.findByRole('table')
    const shown = [...document.querySelectorAll('.carrier-code')].map((element) => element.textContent?.trim())
    unmount()
    return shown
  }

  it('explains a known code in Chinese and English, and shows an unknown one as it came', async () => {
    expect(await codesShown('zh-CN')).toEqual(['停机、空号、暂停服务、关机或不在服务区 (MOBILE_NOT_ON_SERVICE)', 'MK:0001'])
    expect(await codesShown('en')).toEqual(['number suspended, empty, switched off or out of coverage (MOBILE_NOT_ON_SERVICE)', 'MK:0001'])
  })
})
