import { type LocalizedText, localize, storedActorText } from '@recall/shared'
import { useLocale } from '../../app/locale'

/** How a contact stands with opt-outs, as the contact API answers it. */
export interface OptOutView {
  suppressed: boolean
  /** Whether the number itself is on the suppression list (absent from older servers). */
  numberSuppressed?: boolean
  optedOutAt?: string | null
  optOutSource?: 'reply' | 'import' | 'admin' | 'complaint' | null
  optedOutBy?: string | null
}

const TEXT = {
  person: { en: 'Opted out {time}: {how}.', zh: '已于 {time} 退订:{how}。' },
  /** Between two sentences. */
  space: { en: ' ', zh: '' },
  personNumber: { en: 'This number is on the suppression list too.', zh: '此号码也在退订名单中。' },
  number: { en: 'This number is on the suppression list: no marketing or recall is sent to it', zh: '此号码在退订名单中:不会向其发送营销或召回短信' },
  fallback: { en: 'Opted out', zh: '已退订' },
} satisfies Record<string, LocalizedText>

const HOW: Record<NonNullable<OptOutView['optOutSource']>, LocalizedText> = {
  reply: { en: 'replied to opt out. It follows the person to any number they get; their own START lifts it', zh: '本人回复退订。无论此人换用哪个号码都有效;本人回复订阅可恢复' },
  import: { en: 'imported as opted out. Only a colleague can lift it, on the Replies page', zh: '导入时标记为退订。只能由同事在"回复"页面解除' },
  admin: { en: 'by {name}. Only a colleague can lift it, on the Replies page', zh: '由 {name} 操作。只能由同事在"回复"页面解除' },
  complaint: { en: 'complained. Only a colleague can lift it, on the Replies page', zh: '用户投诉。只能由同事在"回复"页面解除' },
}

/**
 * Why a contact gets no marketing: the person opted out (by whom and when: it follows them to any
 * number), or only the number they hold is on the suppression list (the next holder's STOP, say).
 */
export function OptOutStatus({ contact }: { contact: OptOutView }) {
  const locale = useLocale()
  if (!contact.suppressed) return null
  const t = (text: LocalizedText) => localize(text, locale)
  if (!contact.optedOutAt || !contact.optOutSource) {
    return (
      <strong className="error" data-testid="opt-out-status">
        {t(contact.numberSuppressed === false ? TEXT.fallback : TEXT.number)}
      </strong>
    )
  }
  const how = t(HOW[contact.optOutSource]).replace('{name}', t(storedActorText(contact.optedOutBy)))
  const line = t(TEXT.person).replace('{time}', new Date(contact.optedOutAt).toLocaleString(locale)).replace('{how}', how)
  return (
    <strong className="error" data-testid="opt-out-status">
      {contact.numberSuppressed ? `${line}${t(TEXT.space)}${t(TEXT.personNumber)}` : line}
    </strong>
  )
}
