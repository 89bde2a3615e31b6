import Type from 'typebox'
import { Duration, MessageCategory, SendWindow } from '../schema/common'
import { error, type Problem } from '../validation/problem'
import { defineNodeKind } from './kind'
import { checkLinkUrl, checkMessageText, checkSendWindow } from './message-checks'
import { checkFreeTextRoute } from './template-checks'
import { checkTransactionalMessage } from './transactional-checks'
import { describeDuration } from './wait'

export const ReminderBeforeExpiryData = Type.Object(
  {
    expiry: Type.Union([
      /** The coupon issued by `sendNodeId`, or the latest coupon of this journey when absent. */
      Type.Object({ source: Type.Literal('coupon'), sendNodeId: Type.Optional(Type.String({ minLength: 1 })) }, { additionalProperties: false }),
      Type.Object({ source: Type.Literal('attribute'), attribute: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
    ]),
    before: Duration,
    text: Type.String({ maxLength: 2000 }),
    category: MessageCategory,
    sendWindow: Type.Optional(SendWindow),
    linkUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 500 })),
  },
  { additionalProperties: false },
)

export const reminderBeforeExpiry = defineNodeKind(ReminderBeforeExpiryData, {
  type: 'reminder_before_expiry',
  label: { en: 'Reminder before expiry', zh: '到期前提醒' },
  description: {
    en: 'Remind before a coupon or points expire. A reminder that would fall after expiry (e.g. at night) moves to the last allowed time before it, such as the evening before; skipped if redeemed or already expired',
    zh: '在优惠券或积分到期前提醒。若提醒时间落在到期之后(如夜间),改到到期前最后一个可发送时段(如前一天晚上);已核销或已过期则跳过',
  },
  defaults: () => ({
    expiry: { source: 'coupon' },
    before: { amount: 1, unit: 'days' },
    text: '您的{{coupon.label}}将于{{coupon.expires}}到期,别错过!',
    category: 'recall',
  }),
  handles: () => [
    { id: 'sent', label: { en: 'sent', zh: '已发送' } },
    { id: 'skipped', label: { en: 'skipped', zh: '已跳过' } },
  ],
  summary(data, locale) {
    const zh = locale === 'zh-CN'
    const what = data.expiry.source === 'coupon' ? (zh ? '优惠券' : 'coupon') : data.expiry.attribute
    return zh ? `${what}到期前 ${describeDuration(data.before, zh)}提醒` : `${describeDuration(data.before, zh)} before ${what} expiry`
  },
  check(data, context) {
    const at = { nodeId: context.nodeId }
    const problems: Problem[] = []
    const { expiry } = data
    const couponPath = `${context.dataPath}/expiry`
    if (expiry.source === 'coupon') {
      if (expiry.sendNodeId !== undefined && !['send_sms', 'send_mms'].includes(context.nodeType(expiry.sendNodeId) ?? '')) {
        problems.push(
          error(
            'reminder.unknown_send_node',
            `${couponPath}/sendNodeId`,
            { en: `"${expiry.sendNodeId}" is not a send node of this journey`, zh: `"${expiry.sendNodeId}" 不是本旅程中的发送节点` },
            at,
          ),
        )
      } else if (!context.couponIssuedOnEveryPath(expiry.sendNodeId)) {
        problems.push(
          error(
            'reminder.coupon_not_issued',
            couponPath,
            { en: 'Not every path to this reminder issues the coupon it reminds of', zh: '并非每条到达此提醒的路径都发放了要提醒的优惠券' },
            at,
          ),
        )
      }
    }
    const isCoupon = expiry.source === 'coupon'
    problems.push(
      ...checkMessageText(
        {
          text: data.text,
          path: `${context.dataPath}/text`,
          category: data.category,
          issuesCoupon: isCoupon,
          hasLinkUrl: data.linkUrl !== undefined,
          optOut: context.delivery?.[data.category]?.optOutWording,
        },
        context,
      ),
      ...checkFreeTextRoute(data.category, `${context.dataPath}/category`, context),
    )
    problems.push(...checkSendWindow(data.sendWindow, data.category, `${context.dataPath}/sendWindow`, at, context.allowedHours))
    problems.push(...checkLinkUrl(data.linkUrl, `${context.dataPath}/linkUrl`, at))
    // Reminding of a coupon is promoting it; points or a subscription (an attribute) may be a notice.
    problems.push(
      ...checkTransactionalMessage(
        { category: data.category, dataPath: context.dataPath, offerField: isCoupon ? 'expiry' : undefined, texts: [{ text: data.text, path: `${context.dataPath}/text` }] },
        at,
      ),
    )
    return problems
  },
})
