import { fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { MessagesPage } from '../src/pages/MessagesPage'

const message = {
  id: 7,
  journeyId: 'win-back',
  contactId: 'M-1',
  nodeId: 'first-touch',
  channel: 'sms',
  status: 'delivered',
  text: '【乐享】好久不见 回T退订',
  parts: 1,
  createdAt: '2026-11-24T02:00:00Z',
}

describe('messages page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('speaks Chinese for statuses and links each message to its journey and contact', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ messages: [message], next: null }), { status: 200, headers: { 'content-type': 'application/json' } }))
    render(<MessagesPage />)
    const table = await screen.findByRole('table')
    expect(within(table).getByText('已送达').className).toBe('status status--delivered')
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
      '全部状态',
      '待发送',
      '发送中',
      '已发送',
      '已送达',
      '已点击',
      '发送失败',
      '已取消',
      '状态未知(可能已发送)',
    ])
    expect(screen.getByRole('link', { name: 'M-1' }).getAttribute('href')).toBe('#/contacts?id=M-1')
    expect(screen.getByRole('link', { name: 'win-back' }).getAttribute('href')).toBe('#/journeys/win-back')
  })
})

describe('test sends on the messages page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('badges a test send and filters to test sends only', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const urls: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url)
      return new Response(JSON.stringify({ messages: [{ ...message, id: 8, contactId: '', test: true }], next: null }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    })
    render(<MessagesPage />)
    const table = await screen.findByRole('table')
    expect(within(table).getByTestId('test-badge').textContent).toBe('test')
    expect(within(table).getByText('Test phone')).toBeTruthy()
    fireEvent.click(screen.getByRole('checkbox', { name: 'Test sends only' }))
    await vi.waitFor(() => expect(urls.at(-1)).toBe('/api/messages?limit=100&test=true'))
  })
})
