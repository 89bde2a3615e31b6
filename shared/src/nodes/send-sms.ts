import Type from 'typebox'
import type { Locale } from '../i18n'
import { type MessageCategory, MessageCategory as MessageCategorySchema, Offer, SendWindow } from '../schema/common'
import { countSmsParts } from '../text/sms-parts'
import { defineNodeKind, OUT_HANDLE } from './kind'
import { checkLinkUrl, checkMessageText, checkSendWindow } from './message-checks'
import { checkTemplateMessage } from './template-checks'
import { checkTransactionalMessage } from './transactional-checks'

export const SendSmsData = Type.Object(
  {
    text: Type.String({ maxLength: 2000 }),
    category: MessageCategorySchema,
    /** Narrows when this message may go out; for marketing and recall the legal window applies on top. */
    sendWindow: Type.Optional(SendWindow),
    offer: Type.Optional(Offer),
    /** Target of {{link}}; each message gets its own short link to it. */
    linkUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 500 })),
    /**
     * For template providers (the Chinese SMS clouds send only pre-approved templates): the template
     * code and each parameter as a template of its own, e.g. { name: "{{name|亲}}", code: "{{coupon.code}}" }.
     */
    providerTemplate: Type.Optional(
      Type.Object(
        {
          code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9_]+$' }),
          // Aliyun names its variables (${name}), Tencent numbers them ({1}).
          params: Type.Record(Type.String({ pattern: '^([A-Za-z_][A-Za-z0-9_]*|[1-9][0-9]*)$' }), Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

const CATEGORY_LABELS: Record<MessageCategory, { en: string; zh: string }> = {
  marketing: { en: 'Marketing', zh: '营销' },
  recall: { en: 'Recall', zh: '召回' },
  transactional: { en: 'Transactional', zh: '通知' },
}

export function categoryLabel(category: MessageCategory, locale: Locale): string {
  return locale === 'zh-CN' ? CATEGORY_LABELS[category].zh : CATEGORY_LABELS[category].en
}

export const sendSms = defineNodeKind(SendSmsData, {
  type: 'send_sms',
  label: { en: 'Send SMS', zh: '发送短信' },
  description: { en: 'A text message, optionally with a coupon and a short link', zh: '发送短信,可附带优惠券和短链接' },
  defaults: () => ({ text: '{{name|亲}},好久不见!送您一张优惠券,点击领取 {{link}}', category: 'recall', linkUrl: 'https://example.com/shop' }),
  handles: () => [OUT_HANDLE],
  summary(data, locale) {
    const parts = countSmsParts(data.text).parts
    const label = categoryLabel(data.category, locale)
    return locale === 'zh-CN' ? `${label}短信 · ${parts} 条` : `${label} SMS · ${parts} part${parts === 1 ? '' : 's'}`
  },
  check: (data, context) => {
    const route = context.delivery?.[data.category]
    const message = { text: data.text, category: data.category, issuesCoupon: data.offer !== undefined, hasLinkUrl: data.linkUrl !== undefined }
    return [
      ...(route?.templates
        ? checkTemplateMessage({ ...message, providerTemplate: data.providerTemplate }, { ...route, templates: route.templates }, context)
        : checkMessageText({ ...message, path: `${context.dataPath}/text`, optOut: route?.optOutWording }, context)),
      ...checkSendWindow(data.sendWindow, data.category, `${context.dataPath}/sendWindow`, { nodeId: context.nodeId }, context.allowedHours),
      ...checkLinkUrl(data.linkUrl, `${context.dataPath}/linkUrl`, { nodeId: context.nodeId }),
      ...checkTransactionalMessage(
        {
          category: data.category,
          dataPath: context.dataPath,
          offerField: data.offer ? 'offer' : undefined,
          offerLabel: data.offer?.label,
          texts: [
            { text: data.text, path: `${context.dataPath}/text` },
            ...Object.entries(data.providerTemplate?.params ?? {}).map(([name, text]) => ({ text, path: `${context.dataPath}/providerTemplate/params/${name}` })),
          ],
        },
        { nodeId: context.nodeId },
      ),
    ]
  },
})
