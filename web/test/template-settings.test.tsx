import { fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { TemplatesSection } from '../src/pages/settings/templates/TemplatesSection'

const synced = [
  { provider: 'aliyun', code: 'SMS_480001', name: '召回券', text: '${name},好久不见 回T退订', category: 'marketing', status: 'approved', variables: ['name'] },
  { provider: 'aliyun', code: 'SMS_480002', name: '发货', text: '订单${order}已发货', category: 'notification', status: 'pending', variables: ['order'] },
]

/** Answers the registry routes as the server does; returns the calls made. */
function stubTemplatesApi(): { method: string; url: string; body: unknown }[] {
  const calls: { method: string; url: string; body: unknown }[] = []
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET'
      calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined })
      if (url === '/api/provider-templates') return json(200, { templates: [], optOutWording: { aliyun: '回T退订', tencent: '拒收请回复R' } })
      if (url === '/api/provider-templates/aliyun/sync') return json(200, { templates: synced })
      if (url === '/api/provider-templates/tencent/import')
        return json(400, { error: 'invalid_request', message: '腾讯云模板 ID 为数字,"T1" 不是', problems: [{ path: '/body/0/code', text: '腾讯云模板 ID 为数字,"T1" 不是' }] })
      if (url === '/api/provider-templates/opt-out-wording') return json(200, { optOutWording: { aliyun: '回TD退订', tencent: '拒收请回复R' } })
      return json(200, {})
    }),
  )
  return calls
}

// jsdom's Blob has no text(); browsers' has. Read it as browsers do, through FileReader.
if (!('text' in Blob.prototype))
  Object.defineProperty(Blob.prototype, 'text', {
    value(this: Blob) {
      return new Promise<string>((resolve) => {
        const reader = new FileReader()
        reader.onload = () => resolve(String(reader.result))
        reader.readAsText(this)
      })
    },
  })

describe('template registry in Settings', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('syncs Aliyun templates into the list and shows their review status in Chinese', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const calls = stubTemplatesApi()
    render(<TemplatesSection />)
    const aliyun = (await screen.findByText('阿里云短信', { selector: 'legend' })).closest('fieldset') as HTMLElement
    expect(within(aliyun).getByText('暂无模板:请从云端同步或导入列表。')).toBeTruthy()
    fireEvent.click(within(aliyun).getByRole('button', { name: '从云端同步' }))
    expect((await within(aliyun).findByRole('status')).textContent).toBe('已同步,共 2 个模板')
    const rows = within(aliyun)
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))
    expect(rows.slice(1)).toEqual([
      ['SMS_480001', '召回券', '${name},好久不见 回T退订', '营销', '已通过'],
      ['SMS_480002', '发货', '订单${order}已发货', '通知', '审核中'],
    ])
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual(['/api/provider-templates/aliyun/sync'])
  })

  it('imports a JSON file and shows the field-named refusal, and saves an edited opt-out wording', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const calls = stubTemplatesApi()
    const { container } = render(<TemplatesSection />)
    const tencent = (await screen.findByText('腾讯云短信', { selector: 'legend' })).closest('fieldset') as HTMLElement
    const file = new File([JSON.stringify([{ code: 'T1', name: '召回', text: '{1}您好', category: 'marketing', status: 'approved' }])], 'templates.json', {
      type: 'application/json',
    })
    fireEvent.change(tencent.querySelector('input[type=file]') as HTMLInputElement, { target: { files: [file] } })
    expect((await within(tencent).findByRole('alert')).textContent).toBe('腾讯云模板 ID 为数字,"T1" 不是')
    expect(calls.find((call) => call.url === '/api/provider-templates/tencent/import')?.body).toEqual([
      { code: 'T1', name: '召回', text: '{1}您好', category: 'marketing', status: 'approved' },
    ])

    const aliyun = container.querySelector('fieldset') as HTMLElement
    fireEvent.change(within(aliyun).getByRole('textbox', { name: '营销模板须包含的退订提示' }), { target: { value: '回TD退订' } })
    fireEvent.click(within(aliyun).getByRole('button', { name: '保存退订提示' }))
    expect((await within(aliyun).findByRole('status')).textContent).toBe('退订提示已保存')
    expect(calls.find((call) => call.method === 'PUT')).toEqual({ method: 'PUT', url: '/api/provider-templates/opt-out-wording', body: { aliyun: '回TD退订' } })
  })
})
