import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type DeliveryContext,
  JOURNEY_TEMPLATES,
  type JourneyDocument,
  mappedTemplateText,
  registryEntry,
  renderMessage,
  renderTemplateMessage,
  templateVariables,
  validateJourney,
} from '../src/index'
import { minimalJourney, nodeById } from './fixtures'

const winBack = registryEntry('aliyun', {
  code: 'SMS_480001',
  name: '召回券',
  text: '${name},好久不见!送您${value}优惠券,券码${code},点击领取 ${link} 回T退订',
  category: 'marketing',
  status: 'approved',
})
const pending = registryEntry('aliyun', { code: 'SMS_480002', name: '新品', text: '新品到店,${name}快来看看 回T退订', category: 'marketing', status: 'pending' })
const notice = registryEntry('aliyun', { code: 'SMS_480003', name: '发货', text: '您的订单${order}已发货', category: 'notification', status: 'approved' })
const tencentWinBack = registryEntry('tencent', { code: '1956001', name: '召回', text: '{1},好久不见!{2}等您回来 拒收请回复R', category: 'marketing', status: 'approved' })

const aliyunRoute: DeliveryContext = { recall: { provider: 'aliyun', signName: '乐享商城', optOutWording: '回T退订', templates: [winBack, pending, notice] } }
const mapping = { name: '{{name|亲}}', value: '{{coupon.value}}', code: '{{coupon.code}}', link: '{{link}}' }

/** The minimal journey whose recall SMS issues a coupon, links to the shop and uses `template`. */
function journeyWith(providerTemplate: { code: string; params: Record<string, string> } | undefined, text?: string): JourneyDocument {
  const journey = minimalJourney()
  const sms = nodeById(journey, 'sms', 'send_sms')
  sms.data = {
    ...sms.data,
    offer: { kind: 'amount_off', value: 20, label: '满100减20', validHours: 72 },
    linkUrl: 'https://example.com/shop',
    ...(providerTemplate ? { providerTemplate, text: text ?? mappedTemplateText(winBack, providerTemplate.params) } : {}),
  }
  return journey
}

const problemsOf = (journey: JourneyDocument, delivery: DeliveryContext = aliyunRoute) =>
  validateJourney(journey, { delivery }).problems.map((problem) => [problem.code, problem.nodeId, problem.path, problem.message.en, problem.message.zh])

describe('cloud template variables', () => {
  it('reads Aliyun ${name} and Tencent {1} variables in order of first appearance', () => {
    expect(winBack.variables).toEqual(['name', 'value', 'code', 'link'])
    expect(templateVariables('aliyun', '${a}${b}${a} {1}')).toEqual(['a', 'b'])
    expect(tencentWinBack.variables).toEqual(['1', '2'])
    expect(templateVariables('tencent', '{2}{1}{2} ${x} {0}')).toEqual(['2', '1'])
  })

  it('maps every Aliyun variable name to itself when filled with ${…} again (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/)
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.string({ maxLength: 5 }).filter((text) => !/[${}]/.test(text)),
            name,
          ),
          { maxLength: 6 },
        ),
        (pieces) => {
          const text = pieces.map(([before, variable]) => `${before}\${${variable}}`).join('')
          const template = registryEntry('aliyun', { code: 'SMS_1', name: '', text: text || 'x', category: 'notification', status: 'approved' })
          const identity = Object.fromEntries(template.variables.map((variable) => [variable, `\${${variable}}`]))
          expect(mappedTemplateText(template, identity)).toBe(text || 'x')
          expect(template.variables).toEqual([...new Set(pieces.map(([, variable]) => variable))])
        },
      ),
    )
  })
})

describe('the final text a contact receives through a template cloud', () => {
  it('is 【sign】 + the template with the sample values, counted in parts', () => {
    const rendered = renderTemplateMessage({
      template: winBack,
      mapping,
      values: { name: '王芳', 'coupon.value': '20元', 'coupon.code': 'RC8K2M4Q', link: 'https://rcl.to/Ab3dE9' },
      category: 'recall',
      signName: '乐享商城',
      optOut: '回T退订',
    })
    expect(rendered.text).toBe('【乐享商城】王芳,好久不见!送您20元优惠券,券码RC8K2M4Q,点击领取 https://rcl.to/Ab3dE9 回T退订')
    expect(rendered.parts).toEqual({ encoding: 'UCS-2', units: 65, parts: 1, perPart: 70, remainingInPart: 5 })
  })

  it('adds no second opt-out line to a Tencent template carrying 拒收请回复R, and uses the fallback for a missing name', () => {
    const rendered = renderTemplateMessage({
      template: tencentWinBack,
      mapping: { 1: '{{name|亲}}', 2: '{{coupon.label}}' },
      values: { 'coupon.label': '满100减20' },
      category: 'marketing',
      signName: '乐享',
      optOut: '拒收请回复R',
    })
    expect(rendered.text).toBe('【乐享】亲,好久不见!满100减20等您回来 拒收请回复R')
  })

  it("appends the routed provider's wording to free text instead of 回T退订", () => {
    expect(renderMessage({ template: '周末大促', values: {}, category: 'marketing', brand: '乐享', optOut: '拒收请回复R' }).text).toBe('【乐享】周末大促 拒收请回复R')
    expect(renderMessage({ template: '周末大促', values: {}, category: 'marketing', brand: '乐享' }).text).toBe('【乐享】周末大促 回T退订')
  })
})

describe('validating an SMS node routed to a template cloud', () => {
  it('accepts an approved template with every variable mapped and the text derived from it', () => {
    expect(problemsOf(journeyWith({ code: 'SMS_480001', params: mapping }))).toEqual([])
  })

  it('refuses a node with no template, naming the node', () => {
    expect(problemsOf(journeyWith(undefined))).toEqual([
      [
        'template.not_chosen',
        'sms',
        '/nodes/2/data/providerTemplate',
        'This message goes through Aliyun SMS, which sends only approved templates: pick one',
        '此短信经阿里云短信发送,只能使用已审核的模板:请选择模板',
      ],
    ])
  })

  it('refuses a template that is not in the registry', () => {
    expect(problemsOf(journeyWith({ code: 'SMS_999', params: {} }, 'x'))).toEqual([
      [
        'template.not_registered',
        'sms',
        '/nodes/2/data/providerTemplate/code',
        'Template SMS_999 is not in the Aliyun SMS template list: import or sync it in Settings',
        '模板 SMS_999 不在阿里云短信模板列表中:请在设置中导入或同步',
      ],
    ])
  })

  it('refuses a pending template, an unmapped variable and a notification template for recall', () => {
    const journey = journeyWith({ code: 'SMS_480002', params: { name: '{{name|亲}}' } }, mappedTemplateText(pending, { name: '{{name|亲}}' }))
    expect(problemsOf(journey).map(([code]) => code)).toEqual(['template.not_approved'])
    expect(problemsOf(journey)[0]?.[4]).toBe('模板 SMS_480002 仍在审核中,只能发送已审核通过的模板')
    expect(problemsOf(journeyWith({ code: 'SMS_480001', params: { name: '{{name|亲}}', value: ' ', code: '{{coupon.code}}' } }, 'x'))).toEqual([
      [
        'template.variable_unmapped',
        'sms',
        '/nodes/2/data/providerTemplate/params/value',
        'Variable value of template SMS_480001 has no value: map it to an attribute, a coupon field or the short link',
        '模板 SMS_480001 的变量 value 未设置取值:请对应到联系人属性、优惠券字段或短链接',
      ],
      [
        'template.variable_unmapped',
        'sms',
        '/nodes/2/data/providerTemplate/params/link',
        'Variable link of template SMS_480001 has no value: map it to an attribute, a coupon field or the short link',
        '模板 SMS_480001 的变量 link 未设置取值:请对应到联系人属性、优惠券字段或短链接',
      ],
    ])
    const shipped = journeyWith({ code: 'SMS_480003', params: { order: '{{name|订单}}' } }, '您的订单{{name|订单}}已发货')
    expect(problemsOf(shipped).map(([code, , path]) => [code, path])).toEqual([
      ['template.not_marketing', '/nodes/2/data/providerTemplate/code'],
      ['template.no_opt_out', '/nodes/2/data/providerTemplate/code'],
    ])
  })

  it('refuses a text that is not the mapped template, a parameter the template lacks and an unknown attribute', () => {
    const params = { ...mapping, name: '{{nickname}}', extra: 'x' }
    expect(problemsOf(journeyWith({ code: 'SMS_480001', params }, '旧文本')).map(([code, , path]) => [code, path])).toEqual([
      ['template.unknown_param', '/nodes/2/data/providerTemplate/params/extra'],
      ['template.text_mismatch', '/nodes/2/data/text'],
      ['template.unknown_variable', '/nodes/2/data/providerTemplate'],
    ])
  })

  it('refuses a reminder, which sends free text, routed to a template cloud', () => {
    const winBack90 = JOURNEY_TEMPLATES.find((journey) => journey.id === 'win-back-90-days') as JourneyDocument
    const marketingToTencent: DeliveryContext = { marketing: { provider: 'tencent', optOutWording: '拒收请回复R', templates: [tencentWinBack] } }
    expect(problemsOf(winBack90, marketingToTencent)).toEqual([
      [
        'template.free_text_route',
        'last-call',
        '/nodes/6/data/category',
        'This node sends free text, but marketing messages go through Tencent Cloud SMS, which sends only approved templates: route marketing to a free-text provider in Settings or use a Send SMS node with a template',
        '该节点发送自定义文本,但此类消息经腾讯云短信发送,只能使用已审核模板:请在设置中为该类别改用支持自定义文本的服务商,或改用带模板的发送短信节点',
      ],
    ])
  })

  it('keeps free text for providers that take it, and ignores the registry when no context is passed', () => {
    expect(problemsOf(journeyWith(undefined), { recall: { provider: 'twilio' } })).toEqual([])
    expect(validateJourney(journeyWith(undefined)).problems).toEqual([])
  })
})
