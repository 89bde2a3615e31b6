import { type DeliveryContext, type JourneyDocument, registryEntry } from '@recall/shared'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useDelivery } from '../src/app/delivery'
import { problemsOf } from '../src/editor/problems'
import { useEditor } from '../src/editor/store'
import { SendSmsInspector } from '../src/nodes/send_sms/Inspector'
import { nodeData, openInEditor } from './helpers'

const templates = [
  registryEntry('aliyun', { code: 'SMS_480001', name: '召回券', text: '${name},好久不见!送您${value}优惠券,点击领取 ${link} 回T退订', category: 'marketing', status: 'approved' }),
  registryEntry('aliyun', { code: 'SMS_480002', name: '新品', text: '新品到店 回T退订', category: 'marketing', status: 'pending' }),
]
const delivery: DeliveryContext = {
  recall: { provider: 'aliyun', signName: '乐享商城', optOutWording: '回T退订', templates },
  marketing: { provider: 'sandbox' },
  transactional: { provider: 'sandbox' },
}

const journey: JourneyDocument = {
  schemaVersion: 1,
  id: 'mapping',
  name: 'Mapping',
  description: '',
  settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'event', event: 'app_open' } },
    {
      id: 'sms',
      type: 'send_sms',
      position: { x: 300, y: 0 },
      data: {
        text: '{{name|亲}},好久不见',
        category: 'recall',
        linkUrl: 'https://example.com/shop',
        offer: { kind: 'amount_off', value: 30, label: '满100减30券', validHours: 72 },
      },
    },
    { id: 'end', type: 'exit', position: { x: 600, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'sms' },
    { id: 'e2', source: 'sms', sourceHandle: 'out', target: 'end' },
  ],
}

const codesOf = () => (problemsOf(useEditor.getState().document, delivery).byNode.get('sms') ?? []).map((problem) => problem.code)

describe('template mapping in the SMS inspector', () => {
  beforeEach(() => {
    useDelivery.setState({ delivery, requested: true })
  })

  it('picks an approved template, maps its variables and shows the final text with its parts', () => {
    openInEditor(journey, { locale: 'zh-CN', select: 'sms' })
    render(<SendSmsInspector nodeId="sms" />)
    expect(screen.queryByRole('textbox', { name: '短信内容' })).toBeNull()
    expect(codesOf()).toEqual(['template.not_chosen'])
    const picker = screen.getByRole('combobox', { name: '已审核模板' }) as HTMLSelectElement
    expect([...picker.options].map((option) => [option.text, option.disabled])).toEqual([
      ['— 请选择模板 —', false],
      ['SMS_480001 · 召回券', false],
      ['SMS_480002 · 新品 (审核中)', true],
    ])
    fireEvent.change(picker, { target: { value: 'SMS_480001' } })
    // name and link are guessed from their names; value waits for a person.
    expect(nodeData('sms')).toMatchObject({ providerTemplate: { code: 'SMS_480001', params: { name: '{{name|亲}}', value: '', link: '{{link}}' } } })
    expect(codesOf()).toEqual(['template.variable_unmapped'])
    expect(screen.getByTestId('template-final-text').textContent).toBe('【乐享商城】张女士,好久不见!送您优惠券,点击领取 https://rcl.to/aB3dE9x 回T退订')

    fireEvent.change(screen.getByRole('combobox', { name: 'value' }), { target: { value: 'engine:coupon.label' } })
    expect(nodeData('sms')).toMatchObject({
      text: '{{name|亲}},好久不见!送您{{coupon.label}}优惠券,点击领取 {{link}} 回T退订',
      providerTemplate: { code: 'SMS_480001', params: { name: '{{name|亲}}', value: '{{coupon.label}}', link: '{{link}}' } },
    })
    expect(screen.getByTestId('template-final-text').textContent).toBe('【乐享商城】张女士,好久不见!送您满100减30券优惠券,点击领取 https://rcl.to/aB3dE9x 回T退订')
    expect(screen.getByTestId('template-parts').textContent).toBe('1 条UCS-261 字')
    expect(codesOf()).toEqual([])
  })

  it('maps a variable to an attribute with its fallback, or to fixed text, and back to nothing', () => {
    openInEditor(journey, { locale: 'en', select: 'sms' })
    render(<SendSmsInspector nodeId="sms" />)
    fireEvent.change(screen.getByRole('combobox', { name: 'Approved template' }), { target: { value: 'SMS_480001' } })
    const name = screen.getByRole('combobox', { name: 'name' })
    fireEvent.change(name, { target: { value: 'attribute:surname' } })
    fireEvent.change(screen.getByRole('textbox', { name: 'name fallback when empty' }), { target: { value: '顾客' } })
    fireEvent.change(screen.getByRole('combobox', { name: 'value' }), { target: { value: 'text' } })
    fireEvent.change(screen.getByRole('textbox', { name: 'value text' }), { target: { value: '30元' } })
    expect((nodeData('sms') as { providerTemplate: unknown }).providerTemplate).toEqual({
      code: 'SMS_480001',
      params: { name: '{{surname|顾客}}', value: '30元', link: '{{link}}' },
    })
    expect(within(screen.getByTestId('template-final-text')).getByText('【乐享商城】张,好久不见!送您30元优惠券,点击领取 https://rcl.to/aB3dE9x 回T退订')).toBeTruthy()
    fireEvent.change(screen.getByRole('combobox', { name: 'link' }), { target: { value: '' } })
    expect(codesOf()).toEqual(['template.variable_unmapped'])
  })

  it('keeps the free-text editor for a category routed to a provider that takes free text', () => {
    openInEditor(
      { ...journey, nodes: journey.nodes.map((node) => (node.type === 'send_sms' ? { ...node, data: { ...node.data, category: 'marketing' } } : node)) },
      { locale: 'en', select: 'sms' },
    )
    render(<SendSmsInspector nodeId="sms" />)
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy()
    expect(screen.queryByRole('combobox', { name: 'Approved template' })).toBeNull()
  })
})
