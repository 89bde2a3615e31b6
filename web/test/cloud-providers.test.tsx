import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ProvidersSection } from '../src/pages/settings/ProvidersSection'

const SETTINGS = { routes: { marketing: 'sandbox', recall: 'sandbox', transactional: 'sandbox' }, secretsSet: [] }

/** Answers GET with SETTINGS and PUT with what was sent (minus secrets); returns the bodies PUT. */
function stubProvidersApi(): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === 'PUT') sent.push(JSON.parse(String(init.body)))
      return new Response(JSON.stringify(init?.method === 'PUT' ? { ...sent.at(-1), secretsSet: ['aliyun.accessKeySecret'] } : SETTINGS), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    }),
  )
  return sent
}

describe('Aliyun and Tencent accounts in the providers settings', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('routes recall to Aliyun and saves its account with the console defaults', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const sent = stubProvidersApi()
    render(<ProvidersSection />)
    fireEvent.change((await screen.findAllByRole('combobox'))[1] as HTMLElement, { target: { value: 'aliyun' } })
    fireEvent.change(screen.getByLabelText('AccessKey ID'), { target: { value: 'LTAI5tExample' } })
    fireEvent.change(screen.getByLabelText('Sign name'), { target: { value: '乐享商城' } })
    fireEvent.change(screen.getByLabelText('AccessKey secret'), { target: { value: 'aliyun-secret-123' } })
    fireEvent.change(screen.getByLabelText('Callback token (add ?token=… to the receipt and reply URLs)'), { target: { value: 'aliyun-token-123' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save providers' }))
    await screen.findByText('Saved. Credentials are stored encrypted and never shown again.')
    expect(sent).toEqual([
      {
        routes: { marketing: 'sandbox', recall: 'aliyun', transactional: 'sandbox' },
        aliyun: {
          endpoint: 'https://dysmsapi.aliyuncs.com',
          accessKeyId: 'LTAI5tExample',
          signName: '乐享商城',
          accessKeySecret: 'aliyun-secret-123',
          callbackToken: 'aliyun-token-123',
        },
      },
    ])
  })

  it('shows the Tencent account fields in Chinese', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    stubProvidersApi()
    render(<ProvidersSection />)
    fireEvent.change((await screen.findAllByRole('combobox'))[1] as HTMLElement, { target: { value: 'tencent' } })
    expect(screen.getByText('腾讯云短信(已审核签名 + 模板)', { selector: 'legend' })).toBeTruthy()
    expect((screen.getByLabelText('地域') as HTMLInputElement).value).toBe('ap-guangzhou')
    expect(screen.getByLabelText('短信应用 SdkAppId')).toBeTruthy()
    // The callback addresses to register, named as Tencent's console names them.
    const origin = window.location.origin
    expect(screen.getByText('短信状态回调').nextElementSibling?.textContent).toBe(`${origin}/api/webhooks/sms/tencent/status?token=<回调令牌>`)
    expect(screen.getByText('短信回复回调').nextElementSibling?.textContent).toBe(`${origin}/api/webhooks/sms/tencent/inbound?token=<回调令牌>`)
  })

  it('shows a refused route with one line per journey and node the server names, and keeps the form as edited', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const refusal = {
      error: 'routes_break_live_journeys',
      message: '此服务商设置会使运行中的旅程无法发送:请先为其改用已审核通过的模板并重新发布,或保持该类别原有的服务商',
      problems: [
        { code: 'template.not_chosen', severity: 'error', nodeId: 'sms', path: '/journeys/a/nodes/1/data/providerTemplate', text: '旅程"A"(线上版本 1)的节点 sms:请选择模板' },
        { code: 'template.not_chosen', severity: 'error', nodeId: 'sms2', path: '/journeys/b/nodes/2/data/providerTemplate', text: '旅程"B"(线上版本 3)的节点 sms2:请选择模板' },
      ],
    }
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) =>
        init?.method === 'PUT'
          ? new Response(JSON.stringify(refusal), { status: 409, headers: { 'content-type': 'application/json' } })
          : new Response(JSON.stringify(SETTINGS), { status: 200, headers: { 'content-type': 'application/json' } }),
      ),
    )
    render(<ProvidersSection />)
    const recall = (await screen.findAllByRole('combobox'))[1] as HTMLSelectElement
    fireEvent.change(recall, { target: { value: 'aliyun' } })
    fireEvent.click(screen.getByRole('button', { name: '保存服务商设置' }))
    const alert = await screen.findByRole('alert')
    expect([alert.querySelector('p')?.textContent, [...alert.querySelectorAll('li')].map((item) => item.textContent)]).toEqual([
      refusal.message,
      ['旅程"A"(线上版本 1)的节点 sms:请选择模板', '旅程"B"(线上版本 3)的节点 sms2:请选择模板'],
    ])
    expect(recall.value).toBe('aliyun')
  })

  it('shows a refusal made of field problems once, as the list', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const problems = [
      { code: 'schema.minLength', path: '/body/aliyun/accessKeyId', message: { en: 'AccessKey ID must not be empty', zh: 'AccessKey ID 不能为空' } },
      { code: 'schema.minLength', path: '/body/aliyun/signName', message: { en: 'Sign name must not be empty', zh: '短信签名不能为空' } },
    ]
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) =>
        init?.method === 'PUT'
          ? new Response(JSON.stringify({ error: 'invalid_request', message: 'AccessKey ID must not be empty; Sign name must not be empty', problems }), {
              status: 400,
              headers: { 'content-type': 'application/json' },
            })
          : new Response(JSON.stringify(SETTINGS), { status: 200, headers: { 'content-type': 'application/json' } }),
      ),
    )
    render(<ProvidersSection />)
    fireEvent.change((await screen.findAllByRole('combobox'))[1] as HTMLElement, { target: { value: 'aliyun' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save providers' }))
    const alert = await screen.findByRole('alert')
    expect([...alert.querySelectorAll('li')].map((item) => item.textContent)).toEqual(['AccessKey ID must not be empty', 'Sign name must not be empty'])
    expect(alert.textContent).toBe('AccessKey ID must not be emptySign name must not be empty')
  })
})
