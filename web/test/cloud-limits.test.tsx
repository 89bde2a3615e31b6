import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ProvidersSection } from '../src/pages/settings/ProvidersSection'

const SETTINGS = { routes: { marketing: 'sandbox', recall: 'sandbox', transactional: 'sandbox' }, secretsSet: [] }

function stubProvidersApi(): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === 'PUT') sent.push(JSON.parse(String(init.body)))
      return new Response(JSON.stringify(init?.method === 'PUT' ? { ...sent.at(-1), secretsSet: [] } : SETTINGS), { status: 200, headers: { 'content-type': 'application/json' } })
    }),
  )
  return sent
}

describe("a cloud account's hours, rate, daily limit and polling in the settings", () => {
  afterEach(() => vi.unstubAllGlobals())

  it("shows the cloud's defaults, and saves the values a marketer sets", async () => {
    useLocaleStore.setState({ locale: 'en' })
    const sent = stubProvidersApi()
    render(<ProvidersSection />)
    fireEvent.change((await screen.findAllByRole('combobox'))[1] as HTMLElement, { target: { value: 'aliyun' } })
    expect([(screen.getByLabelText('Marketing hours from') as HTMLInputElement).value, (screen.getByLabelText('Marketing hours until') as HTMLInputElement).value]).toEqual([
      '08:00',
      '20:00',
    ])
    expect(screen.getByLabelText('Requests per second').getAttribute('placeholder')).toBe('default 5000')
    expect(screen.getByLabelText('Daily limit per number and template').getAttribute('placeholder')).toBe('default 50')
    fireEvent.change(screen.getByLabelText('Marketing hours from'), { target: { value: '09:00' } })
    fireEvent.change(screen.getByLabelText('Requests per second'), { target: { value: '20' } })
    fireEvent.change(screen.getByLabelText('Daily limit per number and template'), { target: { value: '3' } })
    fireEvent.click(screen.getByRole('checkbox', { name: /Ask the cloud for receipts/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Save providers' }))
    await screen.findByText('Saved. Credentials are stored encrypted and never shown again.')
    expect(sent.at(-1)?.aliyun).toEqual({
      endpoint: 'https://dysmsapi.aliyuncs.com',
      accessKeyId: '',
      signName: '',
      marketingWindow: { start: '09:00', end: '20:00' },
      requestsPerSecond: 20,
      dailyTemplateLimit: 3,
      pollReceipts: true,
    })
  })

  it("speaks Chinese, with Tencent's own defaults", async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    stubProvidersApi()
    render(<ProvidersSection />)
    fireEvent.change((await screen.findAllByRole('combobox'))[1] as HTMLElement, { target: { value: 'tencent' } })
    expect((screen.getByLabelText('营销短信发送时段结束') as HTMLInputElement).value).toBe('22:00')
    expect(screen.getByLabelText('每秒请求数').getAttribute('placeholder')).toBe('默认 3000')
    expect(screen.getByLabelText('每个号码每个模板每日上限').getAttribute('placeholder')).toBe('默认 10')
    expect(screen.getByText('北京时间;此时段外的营销和召回短信将暂缓,待云平台开放时发送。')).toBeTruthy()
    expect(screen.getByRole('checkbox', { name: '主动向云平台查询未收到的回执(回调无法到达本服务器时)' })).toBeTruthy()
  })
})
