import type { MessageCategory } from '../schema/common'
import { COUPON_VARIABLES } from '../schema/variables'
import { parseTemplate } from '../text/template'
import { error, type Problem, warning } from '../validation/problem'

/**
 * A coupon or offer is marketing whatever the node calls it. Transactional messages skip consent,
 * opt-out, caps and the 08:00–21:00 window, so a "transactional" send that carries an offer would
 * reach opted-out numbers at night (an outside tester published one: 全场8折券 at 21:29 to a
 * number that had replied T). Validation refuses to publish one; a version published before that
 * rule sends it as marketing.
 */
export function sendCategory(category: MessageCategory, carriesOffer: boolean): MessageCategory {
  return category === 'transactional' && carriesOffer ? 'marketing' : category
}

/** Wording that reads like a promotion; a transactional text with any of it is shown to a person, not refused. */
const PROMOTIONAL_WORDING: readonly RegExp[] = [
  /券/,
  /[0-9零一二三四五六七八九]\s*(?:\.\s*[0-9]\s*)?折/,
  /折扣|打折/,
  /优惠/,
  /促销/,
  /满\s*\d*\s*减/,
  /特价|秒杀|抢购|红包|免单|限时/,
  /\bsale\b/i,
  /\d+\s*%\s*off\b/i,
  /\bcoupons?\b/i,
  /\bdiscounts?\b/i,
  /\bpromo(?:tion)?s?\b/i,
  /\bvouchers?\b/i,
]

/** The promotional words a text contains, in the order of the list, each once. */
export function promotionalWording(text: string): string[] {
  const found: string[] = []
  for (const pattern of PROMOTIONAL_WORDING) {
    const match = pattern.exec(text)
    if (match && !found.includes(match[0])) found.push(match[0])
  }
  return found
}

const FIX_HINT = {
  en: 'choose the category Marketing or Recall (they carry the opt-out line and respect consent, opt-outs, caps and 08:00–21:00)',
  zh: '请将类别改为「营销」或「召回」(它们带退订提示,并遵守授权、退订、频次上限和 08:00–21:00 时段)',
}

export interface TransactionalMessage {
  category: MessageCategory
  /** JSON Pointer of the node's data. */
  dataPath: string
  /** The offer field's name when the node issues one (offer), or the field that recalls one (expiry). */
  offerField?: string | undefined
  /** The offer's label, to name it. */
  offerLabel?: string | undefined
  /** Each text the recipient sees, with the JSON Pointer of its field. */
  texts: readonly { text: string; path: string }[]
}

/**
 * Transactional sends that carry an offer are refused (the offer field, or a coupon variable in
 * the text); transactional texts that merely read like a promotion are flagged for a person.
 */
export function checkTransactionalMessage(message: TransactionalMessage, at: { nodeId?: string }): Problem[] {
  if (message.category !== 'transactional') return []
  const problems: Problem[] = []
  if (message.offerField !== undefined) {
    const what = message.offerLabel ? { en: `the offer "${message.offerLabel}"`, zh: `优惠「${message.offerLabel}」` } : { en: 'a coupon', zh: '优惠券' }
    problems.push(
      error(
        'transactional.offer',
        `${message.dataPath}/${message.offerField}`,
        {
          en: `A transactional message cannot carry ${what.en}: a coupon or offer is marketing. ${capitalize(FIX_HINT.en)}, or remove the offer`,
          zh: `通知类消息不能携带${what.zh}:优惠券和优惠属于营销。${FIX_HINT.zh},或删除优惠`,
        },
        at,
      ),
    )
  }
  for (const { text, path } of message.texts) {
    const couponVariables = parseTemplate(text).variables.filter((variable) => (COUPON_VARIABLES as readonly string[]).includes(variable.name))
    if (couponVariables.length > 0) {
      const name = `{{${couponVariables[0]?.name}}}`
      problems.push(
        error(
          'transactional.coupon_variable',
          path,
          {
            en: `A transactional message cannot show a coupon (${name}): a coupon is marketing. ${capitalize(FIX_HINT.en)}, or remove the variable`,
            zh: `通知类消息不能展示优惠券(${name}):优惠券属于营销。${FIX_HINT.zh},或删除该变量`,
          },
          at,
        ),
      )
      continue
    }
    const words = promotionalWording(text)
    if (words.length > 0) {
      const quoted = words.map((word) => `"${word}"`).join(', ')
      const quotedZh = words.map((word) => `「${word}」`).join('、')
      problems.push(
        warning(
          'transactional.promotional_wording',
          path,
          {
            en: `This transactional text reads like a promotion (${quoted}); if it offers anything, ${FIX_HINT.en}`,
            zh: `该通知类文案像是促销内容(${quotedZh});如含任何优惠,${FIX_HINT.zh}`,
          },
          at,
        ),
      )
    }
  }
  return problems
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
