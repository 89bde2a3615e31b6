import type { LocalizedText } from '../i18n'
import type { RouteDelivery } from '../provider-templates/delivery'
import { mappedTemplateText } from '../provider-templates/final-text'
import { isTemplateCloud, type ProviderTemplate, TEMPLATE_CLOUD_LABELS } from '../provider-templates/registry'
import type { MessageCategory } from '../schema/common'
import { isPromotional } from '../text/template'
import { error, type Problem } from '../validation/problem'
import type { NodeCheckContext } from './kind'
import { checkMessageText } from './message-checks'

export interface TemplateMessage {
  text: string
  category: MessageCategory
  providerTemplate?: { code: string; params: Record<string, string> } | undefined
  issuesCoupon: boolean
  hasLinkUrl: boolean
}

const REVIEW_WORDS = { pending: { en: 'still under review', zh: '仍在审核中' }, rejected: { en: 'rejected', zh: '未通过审核' } }

/**
 * A message through a template cloud: an approved template of the account's registry, every variable
 * mapped, the text derived from them and, for marketing and recall, the cloud's opt-out wording in the template.
 */
export function checkTemplateMessage(message: TemplateMessage, route: RouteDelivery & { templates: readonly ProviderTemplate[] }, context: NodeCheckContext): Problem[] {
  const at = { nodeId: context.nodeId }
  const path = `${context.dataPath}/providerTemplate`
  const cloud: LocalizedText = isTemplateCloud(route.provider) ? TEMPLATE_CLOUD_LABELS[route.provider] : { en: route.provider, zh: route.provider }
  const chosen = message.providerTemplate
  if (!chosen)
    return [
      error(
        'template.not_chosen',
        path,
        { en: `This message goes through ${cloud.en}, which sends only approved templates: pick one`, zh: `此短信经${cloud.zh}发送,只能使用已审核的模板:请选择模板` },
        at,
      ),
    ]
  const template = route.templates.find((candidate) => candidate.code === chosen.code)
  if (!template)
    return [
      error(
        'template.not_registered',
        `${path}/code`,
        {
          en: `Template ${chosen.code} is not in the ${cloud.en} template list: import or sync it in Settings`,
          zh: `模板 ${chosen.code} 不在${cloud.zh}模板列表中:请在设置中导入或同步`,
        },
        at,
      ),
    ]
  const problems: Problem[] = []
  if (template.status !== 'approved') {
    const review = REVIEW_WORDS[template.status]
    problems.push(
      error(
        'template.not_approved',
        `${path}/code`,
        { en: `Template ${template.code} is ${review.en}; only approved templates can be sent`, zh: `模板 ${template.code} ${review.zh},只能发送已审核通过的模板` },
        at,
      ),
    )
  }
  if (isPromotional(message.category)) problems.push(...promotionalRules(template, route.optOutWording, `${path}/code`, at))
  const unmapped = template.variables.filter((variable) => !chosen.params[variable]?.trim())
  for (const variable of unmapped)
    problems.push(
      error(
        'template.variable_unmapped',
        `${path}/params/${variable}`,
        {
          en: `Variable ${variable} of template ${template.code} has no value: map it to an attribute, a coupon field or the short link`,
          zh: `模板 ${template.code} 的变量 ${variable} 未设置取值:请对应到联系人属性、优惠券字段或短链接`,
        },
        at,
      ),
    )
  for (const extra of Object.keys(chosen.params).filter((name) => !template.variables.includes(name)))
    problems.push(
      error('template.unknown_param', `${path}/params/${extra}`, { en: `Template ${template.code} has no variable ${extra}`, zh: `模板 ${template.code} 没有变量 ${extra}` }, at),
    )
  if (unmapped.length > 0) return problems
  const text = mappedTemplateText(template, chosen.params)
  if (message.text !== text)
    problems.push(
      error(
        'template.text_mismatch',
        `${context.dataPath}/text`,
        { en: `The message text must be the template's text with its mapped values: ${text}`, zh: `短信内容必须是模板内容加上各变量的取值:${text}` },
        at,
      ),
    )
  const textChecks = checkMessageText(
    { text, path, category: message.category, issuesCoupon: message.issuesCoupon, hasLinkUrl: message.hasLinkUrl, sign: route.signName, optOut: route.optOutWording },
    context,
  )
  return [...problems, ...textChecks]
}

function promotionalRules(template: ProviderTemplate, optOut: string | undefined, path: string, at: { nodeId: string }): Problem[] {
  const problems: Problem[] = []
  if (template.category !== 'marketing')
    problems.push(
      error(
        'template.not_marketing',
        path,
        {
          en: `Template ${template.code} is a notification template; marketing and recall messages need a marketing template`,
          zh: `模板 ${template.code} 是通知类模板;营销和召回短信须使用营销类模板`,
        },
        at,
      ),
    )
  if (optOut && !template.text.includes(optOut))
    problems.push(
      error(
        'template.no_opt_out',
        path,
        {
          en: `Template ${template.code} does not carry the opt-out wording "${optOut}" that this cloud's marketing messages carry`,
          zh: `模板 ${template.code} 缺少该短信云营销短信要求的退订提示"${optOut}"`,
        },
        at,
      ),
    )
  return problems
}

/** A node that sends free text (a reminder) cannot go through a cloud that sends only templates. */
export function checkFreeTextRoute(category: MessageCategory, path: string, context: NodeCheckContext): Problem[] {
  const route = context.delivery?.[category]
  if (!route?.templates) return []
  const cloud: LocalizedText = isTemplateCloud(route.provider) ? TEMPLATE_CLOUD_LABELS[route.provider] : { en: route.provider, zh: route.provider }
  return [
    error(
      'template.free_text_route',
      path,
      {
        en: `This node sends free text, but ${category} messages go through ${cloud.en}, which sends only approved templates: route ${category} to a free-text provider in Settings or use a Send SMS node with a template`,
        zh: `该节点发送自定义文本,但此类消息经${cloud.zh}发送,只能使用已审核模板:请在设置中为该类别改用支持自定义文本的服务商,或改用带模板的发送短信节点`,
      },
      { nodeId: context.nodeId },
    ),
  ]
}
