import type { ContactPreview } from '@recall/shared'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { useEditor } from '../src/editor/store'
import { PreviewPanel } from '../src/preview/PreviewPanel'
import { usePreviewContact } from '../src/preview/preview-store'
import { SendTestDialog } from '../src/preview/SendTestDialog'
import { openInEditor, template } from './helpers'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const TEXT = '【乐享商城】王先生,送您20元券,券码 K7MQ2PXA https://rcl.to/AB3DE9X 回T退订'
const previewFor = (name: string): ContactPreview => ({
  contact: { id: name === '张女士' ? 'sample' : 'G-1', sample: name === '张女士', name },
  incomplete: ['broken'],
  messages: [
    {
      nodeId: 'gift',
      kind: 'send_sms',
      channel: 'sms',
      category: 'recall',
      text: TEXT.replace('王先生', name),
      parts: { encoding: 'UCS-2', units: 50, parts: 1, perPart: 70, remainingInPart: 20 },
      missing: [],
      coupon: { code: 'K7MQ2PXA', label: '20元券', expiresAt: '2026-11-27T02:00:00.000Z' },
      link: { shortUrl: 'https://rcl.to/AB3DE9X', url: 'https://shop.example.com/sale' },
      template: { code: 'SMS_900', params: { name, code: 'K7MQ2PXA' } },
    },
    {
      nodeId: 'mms',
      kind: 'send_mms',
      channel: 'mms',
      category: 'marketing',
      text: '【乐享商城】会员福利 回T退订',
      parts: { encoding: 'UCS-2', units: 14, parts: 1, perPart: 70, remainingInPart: 56 },
      missing: ['points'],
      mms: { title: '会员专享', slides: [{ text: `${name}专享`, mediaUrl: '/api/media/a.png' }] },
    },
  ],
})

describe('preview as a contact', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    useLocaleStore.setState({ locale: 'en' })
    usePreviewContact.setState({ contact: undefined })
    openInEditor(template('win-back-90-days'))
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('lists every message as the sample, then as a contact found by name, sending the editor document', async () => {
    const requests: { url: string; body: Record<string, unknown> | undefined }[] = []
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      const body = init?.body ? JSON.parse(String(init.body)) : undefined
      requests.push({ url, body })
      if (url.startsWith('/api/contacts')) return json({ contacts: [{ externalId: 'G-1', name: '王先生', phone: '+8613812345671' }], next: null })
      return json(previewFor(body?.contactId ? '王先生' : '张女士'))
    })
    render(<PreviewPanel journeyId="win-back-90-days" />)
    await act(() => vi.advanceTimersByTimeAsync(500))
    const gift = await screen.findByTestId('preview-gift')
    expect(within(gift).getByTestId('preview-text').textContent).toBe(TEXT.replace('王先生', '张女士'))
    expect(within(gift).getByText('K7MQ2PXA').textContent).toBe('K7MQ2PXA')
    expect(within(gift).getByText('https://rcl.to/AB3DE9X').parentElement?.textContent).toBe('https://rcl.to/AB3DE9X → https://shop.example.com/sale')
    expect(within(gift).getByText('SMS_900').parentElement?.textContent).toBe('SMS_900 name=张女士, code=K7MQ2PXA')
    const mms = screen.getByTestId('preview-mms')
    expect(within(mms).getByText('张女士专享')).toBeTruthy()
    expect(within(mms).getByText('No value and no fallback, sent as nothing: points')).toBeTruthy()
    expect(screen.getByText('Not shown until their settings are complete: broken')).toBeTruthy()
    const previewRequest = requests.find((request) => request.url === '/api/journeys/win-back-90-days/preview')
    expect(previewRequest?.body).toEqual({ document: expect.objectContaining({ id: 'win-back-90-days' }) })

    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '王' } })
    await act(() => vi.advanceTimersByTimeAsync(50))
    fireEvent.click(await screen.findByRole('button', { name: '王先生 (G-1)' }))
    await act(() => vi.advanceTimersByTimeAsync(500))
    expect(screen.getByTestId('preview-contact').textContent).toBe('Preview as: 王先生 (G-1)')
    await vi.waitFor(() => expect(within(screen.getByTestId('preview-gift')).getByTestId('preview-text').textContent).toBe(TEXT))
    expect(requests.at(-1)?.body).toMatchObject({ contactId: 'G-1' })
    // The card's heading selects its node, and the selected node's card is marked.
    fireEvent.click(within(screen.getByTestId('preview-gift')).getByRole('button', { name: 'Send SMS gift' }))
    expect(useEditor.getState().selectedNodeIds).toEqual(['gift'])
    expect(screen.getByTestId('preview-gift').className).toBe('preview-card preview-card--selected')
  })
})

describe('send test dialog', () => {
  beforeEach(() => {
    openInEditor(template('win-back-90-days'), { locale: 'zh-CN' })
    usePreviewContact.setState({ contact: { id: 'G-1', label: '王先生 (G-1)' } })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('shows the phone problem under the field in the page language, then the sent test', async () => {
    const bodies: Record<string, unknown>[] = []
    vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body))
      bodies.push(body)
      if (body.phone === '12345')
        return json(
          {
            error: 'invalid_request',
            message: '测试手机号:"12345" 不是有效的手机号码(默认地区 CN)',
            problems: [
              { code: 'test_send.phone', severity: 'error', path: '/body/phone', message: { en: 'x', zh: 'y' }, text: '测试手机号:"12345" 不是有效的手机号码(默认地区 CN)' },
            ],
          },
          400,
        )
      return json({ message: { id: 9, status: 'delivered', phone: '+8613812345670', text: TEXT, error: null, test: true }, preview: previewFor('王先生').messages[0] }, 201)
    })
    render(<SendTestDialog journeyId="win-back-90-days" nodeId="gift" onClose={() => {}} />)
    expect(screen.getByText('王先生 (G-1)')).toBeTruthy()
    const send = screen.getByRole('button', { name: '发送' }) as HTMLButtonElement
    expect(send.disabled).toBe(true)
    fireEvent.change(screen.getByLabelText('测试手机号'), { target: { value: '12345' } })
    fireEvent.click(send)
    expect((await screen.findByRole('alert')).textContent).toBe('测试手机号:"12345" 不是有效的手机号码(默认地区 CN)')
    expect(screen.getByLabelText('测试手机号').getAttribute('aria-invalid')).toBe('true')
    fireEvent.change(screen.getByLabelText('测试手机号'), { target: { value: '138 1234 5670' } })
    // Enter in the phone box sends, as the button does.
    fireEvent.keyDown(screen.getByLabelText('测试手机号'), { key: 'Enter' })
    const status = await screen.findByRole('status')
    expect(status.textContent).toBe(`已发送至 +8613812345670:已送达${TEXT}`)
    expect(screen.queryByRole('alert')).toBeNull()
    expect(bodies.at(-1)).toEqual({ document: expect.objectContaining({ id: 'win-back-90-days' }), nodeId: 'gift', phone: '138 1234 5670', contactId: 'G-1' })
  })

  it('shows why a test was refused: an opted-out number under the field, the sending hours above the buttons', async () => {
    const optedOut = '该号码已退订(回复了 T/退订/STOP,或导入时已退订):无论消息类别,测试都不会发送给它'
    const early = '测试未发送:测试短信只在 Asia/Shanghai 的 08:00–21:00 内发送;现在是 11月24日 06:32(Asia/Shanghai),最早可于 11月24日 08:00(Asia/Shanghai)发送'
    const refusal = (message: string, code: string, path: string) =>
      json({ error: 'test_send_refused', message, problems: [{ code, severity: 'error', path, message: { en: 'x', zh: message }, text: message }] }, 409)
    vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
      const { phone } = JSON.parse(String(init?.body))
      if (phone === '13912345678') return refusal(optedOut, 'test_send.opted_out', '/body/phone')
      if (phone === '13912340000') return refusal(early, 'test_send.window', '/body/nodeId')
      return json({ message: { id: 9, status: 'delivered', phone: '+8613812345670', text: TEXT, error: null, test: true }, preview: previewFor('王先生').messages[0] }, 201)
    })
    render(<SendTestDialog journeyId="win-back-90-days" nodeId="gift" onClose={() => {}} />)
    const phone = screen.getByLabelText('测试手机号')
    const send = screen.getByRole('button', { name: '发送' })
    fireEvent.change(phone, { target: { value: '13812345670' } })
    fireEvent.click(send)
    await screen.findByRole('status')

    fireEvent.change(phone, { target: { value: '13912345678' } })
    fireEvent.click(send)
    expect((await screen.findByRole('alert')).textContent).toBe(optedOut)
    expect(phone.getAttribute('aria-invalid')).toBe('true')
    // The earlier test's "sent" notice is gone: it would read as if this one went out.
    expect(screen.queryByRole('status')).toBeNull()

    fireEvent.change(phone, { target: { value: '13912340000' } })
    fireEvent.click(send)
    await vi.waitFor(() => expect(screen.getByRole('alert').textContent).toBe(early))
    expect(phone.getAttribute('aria-invalid')).toBe('false')
  })
})
