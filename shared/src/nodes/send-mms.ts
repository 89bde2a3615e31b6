import Type from 'typebox'
import { MessageCategory, Offer, SendWindow } from '../schema/common'
import { isWebUrl } from '../validation/input-policy'
import { error, type Problem } from '../validation/problem'
import { defineNodeKind, OUT_HANDLE } from './kind'
import { checkLinkUrl, checkMessageText, checkSendWindow } from './message-checks'
import { categoryLabel } from './send-sms'
import { checkTransactionalMessage } from './transactional-checks'

export const DEFAULT_MMS_LIMIT_BYTES = 500 * 1024

const Slide = Type.Object(
  {
    media: Type.Optional(
      Type.Object(
        {
          kind: Type.Enum(['image', 'video']),
          url: Type.String({ minLength: 1, maxLength: 500 }),
          sizeBytes: Type.Integer({ minimum: 0 }),
          /** Seconds, for video; clips of about 15 s render well on phones. */
          durationSeconds: Type.Optional(Type.Number({ minimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
    text: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
)

export const SendMmsData = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 40 }),
    slides: Type.Array(Slide, { minItems: 1, maxItems: 20 }),
    maxTotalBytes: Type.Integer({ minimum: 1, maximum: 5 * 1024 * 1024 }),
    /** Sent as SMS to phones that cannot receive MMS. */
    fallbackText: Type.String({ maxLength: 2000 }),
    category: MessageCategory,
    sendWindow: Type.Optional(SendWindow),
    offer: Type.Optional(Offer),
    linkUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 500 })),
  },
  { additionalProperties: false },
)

/** UTF-8 size of a text: MMS payloads carry slide text as UTF-8. */
function utf8Length(text: string): number {
  let bytes = 0
  for (const character of text) {
    const codePoint = character.codePointAt(0) as number
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
  }
  return bytes
}

export function mmsTotalBytes(slides: readonly { media?: { sizeBytes: number } | undefined; text: string }[]): number {
  return slides.reduce((sum, slide) => sum + (slide.media?.sizeBytes ?? 0) + utf8Length(slide.text), 0)
}

export const sendMms = defineNodeKind(SendMmsData, {
  type: 'send_mms',
  label: { en: 'Send MMS', zh: '发送彩信' },
  description: { en: 'Picture or video slides, with an SMS fallback', zh: '图片或视频彩信,并带短信兜底' },
  defaults: () => ({
    title: '会员专享',
    slides: [{ text: '{{name|亲爱的会员}},专属福利已到账' }],
    maxTotalBytes: DEFAULT_MMS_LIMIT_BYTES,
    fallbackText: '{{name|亲}},您的会员专享福利已到账,点击查看 {{link}}',
    category: 'marketing',
    linkUrl: 'https://example.com/member',
  }),
  handles: () => [OUT_HANDLE],
  summary(data, locale) {
    const kb = Math.round(mmsTotalBytes(data.slides) / 1024)
    const label = categoryLabel(data.category, locale)
    return locale === 'zh-CN' ? `${label}彩信 · ${data.slides.length} 页 · ${kb} KB` : `${label} MMS · ${data.slides.length} slide${data.slides.length === 1 ? '' : 's'} · ${kb} KB`
  },
  check(data, context) {
    const at = { nodeId: context.nodeId }
    const problems: Problem[] = []
    const total = mmsTotalBytes(data.slides)
    if (total > data.maxTotalBytes) {
      problems.push(
        error(
          'mms.too_large',
          `${context.dataPath}/slides`,
          {
            en: `The MMS is ${Math.ceil(total / 1024)} KB; the limit is ${Math.floor(data.maxTotalBytes / 1024)} KB`,
            zh: `彩信大小 ${Math.ceil(total / 1024)} KB,超过上限 ${Math.floor(data.maxTotalBytes / 1024)} KB`,
          },
          at,
        ),
      )
    }
    const common = { category: data.category, issuesCoupon: data.offer !== undefined, hasLinkUrl: data.linkUrl !== undefined }
    problems.push(...checkMessageText({ ...common, text: data.fallbackText, path: `${context.dataPath}/fallbackText` }, context))
    data.slides.forEach((slide, index) => {
      // Uploaded media (checked by their bytes on upload) or a web address; never javascript:, file: or the like.
      if (slide.media && !slide.media.url.startsWith('/api/media/') && !isWebUrl(slide.media.url))
        problems.push(
          error(
            'mms.media_url',
            `${context.dataPath}/slides/${index}/media/url`,
            { en: `Slide ${index + 1}: the media must be uploaded or an http(s) address`, zh: `第 ${index + 1} 页:图片/视频须上传,或使用 http(s) 地址` },
            at,
          ),
        )
      if (slide.text.trim() === '' && !slide.media) {
        problems.push(
          error(
            'mms.empty_slide',
            `${context.dataPath}/slides/${index}`,
            { en: `Slide ${index + 1} has neither media nor text`, zh: `第 ${index + 1} 页既没有图片/视频也没有文字` },
            at,
          ),
        )
      }
    })
    problems.push(...checkSendWindow(data.sendWindow, data.category, `${context.dataPath}/sendWindow`, at, context.allowedHours))
    problems.push(...checkLinkUrl(data.linkUrl, `${context.dataPath}/linkUrl`, at))
    const texts = [
      { text: data.title, path: `${context.dataPath}/title` },
      ...data.slides.map((slide, index) => ({ text: slide.text, path: `${context.dataPath}/slides/${index}/text` })),
      { text: data.fallbackText, path: `${context.dataPath}/fallbackText` },
    ]
    problems.push(
      ...checkTransactionalMessage({ category: data.category, dataPath: context.dataPath, offerField: data.offer ? 'offer' : undefined, offerLabel: data.offer?.label, texts }, at),
    )
    return problems
  },
})
