import { describeSendWindow } from '../schedule/describe-window'
import { intersectWeekly, isEmptyWeekly, LEGAL_WINDOW, minutesOfDay, toWeeklyIntervals } from '../schedule/weekly-window'
import type { MessageCategory, SendWindow } from '../schema/common'
import { COUPON_VARIABLES, LINK_VARIABLE } from '../schema/variables'
import { isPromotional, parseTemplate, renderMessage } from '../text/template'
import { isWebUrl } from '../validation/input-policy'
import { error, type Problem, warning } from '../validation/problem'
import type { NodeCheckContext } from './kind'

export const MAX_SMS_PARTS = 10

/** Values of a typical length, to estimate how many parts a template renders to. */
const SAMPLE_VALUES: Record<string, string> = {
  'coupon.code': 'RC8K2M4Q',
  'coupon.value': '20',
  'coupon.label': '满100减20',
  'coupon.expires': '11月27日 21:00',
  link: 'https://rcl.to/Ab3dE9x',
}
const SAMPLE_ATTRIBUTE = '某某某'

export interface MessageToCheck {
  text: string
  /** JSON Pointer of the text field. */
  path: string
  category: MessageCategory
  /** Whether this node itself issues a coupon (its variables are then always filled). */
  issuesCoupon: boolean
  hasLinkUrl: boolean
  /** The sending account's sign name, in place of the journey's brand. */
  sign?: string | undefined
  /** The routed provider's opt-out wording. */
  optOut?: string | undefined
}

export function checkMessageText(message: MessageToCheck, context: NodeCheckContext): Problem[] {
  const at = { nodeId: context.nodeId }
  const { path } = message
  if (message.text.trim() === '') {
    return [error('message.empty', path, { en: 'The message text is empty', zh: '短信内容为空' }, at)]
  }
  const problems: Problem[] = []
  // The law wants every marketing message to name its sender; without a brand, a sign name or a
  // 【…】 of its own the text would go out anonymous.
  if (isPromotional(message.category) && !message.sign && !context.brand && !message.text.trimStart().startsWith('【')) {
    problems.push(
      error(
        'message.no_signature',
        path,
        {
          en: 'Marketing and recall messages must name the sender as 【brand】: set the brand signature in the journey settings, or start the text with 【…】',
          zh: '营销和召回短信必须以【品牌】署名:请在旅程设置中填写品牌签名,或在短信开头写上【…】',
        },
        at,
      ),
    )
  }
  const parsed = parseTemplate(message.text)
  for (const offset of parsed.malformedAt) {
    problems.push(
      error(
        'template.malformed',
        path,
        { en: `Unmatched braces at character ${offset + 1}; write variables as {{name|fallback}}`, zh: `第 ${offset + 1} 个字符处的花括号不成对;变量写法为 {{name|默认值}}` },
        at,
      ),
    )
  }
  const sample: Record<string, string> = { ...SAMPLE_VALUES }
  for (const variable of parsed.variables) {
    const { name } = variable
    if ((COUPON_VARIABLES as readonly string[]).includes(name)) {
      if (!message.issuesCoupon && !context.couponIssuedOnEveryPath()) {
        problems.push(
          error(
            'template.coupon_not_issued',
            path,
            { en: `{{${name}}} is used but no coupon is issued on every path before this node`, zh: `使用了 {{${name}}},但并非每条路径在此之前都发放了优惠券` },
            at,
          ),
        )
      }
      continue
    }
    if (name === LINK_VARIABLE) {
      if (!message.hasLinkUrl) {
        problems.push(error('template.link_without_url', path, { en: '{{link}} is used but the node has no link URL', zh: '使用了 {{link}},但该节点未填写链接地址' }, at))
      }
      continue
    }
    const attribute = context.attributes.get(name)
    if (!attribute) {
      problems.push(error('template.unknown_variable', path, { en: `Unknown variable {{${name}}}`, zh: `未知变量 {{${name}}}` }, at))
    } else if (!attribute.required && variable.fallback === undefined) {
      problems.push(
        error(
          'template.missing_fallback',
          path,
          { en: `{{${name}}} may be empty for some contacts: give it a fallback, e.g. {{${name}|friend}}`, zh: `部分联系人没有 {{${name}}}:请设置默认值,例如 {{${name}|亲}}` },
          at,
        ),
      )
    }
    sample[name] = variable.fallback || SAMPLE_ATTRIBUTE
  }
  const rendered = renderMessage({ template: message.text, values: sample, category: message.category, brand: message.sign ?? context.brand, optOut: message.optOut })
  if (rendered.parts.parts > MAX_SMS_PARTS) {
    problems.push(
      error(
        'message.too_many_parts',
        path,
        { en: `The message is ${rendered.parts.parts} parts long; the limit is ${MAX_SMS_PARTS}`, zh: `短信长达 ${rendered.parts.parts} 条,上限为 ${MAX_SMS_PARTS} 条` },
        at,
      ),
    )
  } else if (rendered.parts.parts > 1) {
    problems.push(
      warning(
        'message.multipart',
        path,
        { en: `The message is sent as ${rendered.parts.parts} parts and billed for each`, zh: `短信将拆分为 ${rendered.parts.parts} 条发送,按条计费` },
        at,
      ),
    )
  }
  return problems
}

/** A message's link may only lead to a web page: javascript:, data: or file: links are refused. */
export function checkLinkUrl(linkUrl: string | undefined, path: string, at: { nodeId?: string } = {}): Problem[] {
  if (linkUrl === undefined || isWebUrl(linkUrl)) return []
  return [error('link.not_web', path, { en: 'The link must start with http:// or https://', zh: '链接地址必须以 http:// 或 https:// 开头' }, at)]
}

const LEGAL = toWeeklyIntervals(LEGAL_WINDOW)

/**
 * Allowed sending hours: a slot that ends before it starts runs overnight (as in Settings), one that
 * starts and ends at the same minute holds no time; for promotional sends they must overlap 08:00–21:00
 * and, when the caller knows them, the workspace's allowed sending hours (sends need all three).
 */
export function checkSendWindow(window: SendWindow | undefined, category: MessageCategory, path: string, at: { nodeId?: string } = {}, allowedHours?: SendWindow): Problem[] {
  if (!window) return []
  const problems: Problem[] = []
  window.forEach((slot, index) => {
    if (minutesOfDay(slot.end) === minutesOfDay(slot.start)) {
      problems.push(
        error(
          'window.slot_empty',
          `${path}/${index}`,
          {
            en: `Slot ${slot.start}–${slot.end} starts and ends at the same time, so it allows no time`,
            zh: `时段 ${slot.start}–${slot.end} 的开始与结束时间相同,不包含任何可发送时间`,
          },
          at,
        ),
      )
    }
  })
  if (category !== 'transactional' && isEmptyWeekly(intersectWeekly(toWeeklyIntervals(window), LEGAL))) {
    problems.push(
      error(
        'window.outside_legal',
        path,
        {
          en: 'This send window never overlaps the legal window 08:00–21:00, so nothing would ever be sent',
          zh: '该发送时段与法定时段 08:00–21:00 没有任何重叠,消息将永远无法发送',
        },
        at,
      ),
    )
  } else if (category !== 'transactional' && allowedHours && isEmptyWeekly(intersectWeekly(toWeeklyIntervals(window), LEGAL, toWeeklyIntervals(allowedHours)))) {
    const own = describeSendWindow(window)
    const allowed = describeSendWindow(allowedHours)
    problems.push(
      error(
        'window.outside_allowed',
        path,
        {
          en: `This send window (${own.en}) never overlaps the workspace's allowed sending hours (${allowed.en}) within 08:00–21:00, so nothing would ever be sent; change the window or the hours in Settings`,
          zh: `该发送时段(${own.zh})与工作区允许发送时段(${allowed.zh})在 08:00–21:00 内没有任何重叠,消息将永远无法发送;请修改该时段或设置中的允许发送时段`,
        },
        at,
      ),
    )
  }
  return problems
}
