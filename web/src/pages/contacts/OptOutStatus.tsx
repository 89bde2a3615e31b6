import { describeOptOut, type LocalizedText, localize, numberOptOutHow, type OptOutRecord, type OptOutSource, stoppingOptOut, zonedTime } from '@recall/shared'
import { useLocale } from '../../app/locale'

/** How a contact stands with opt-outs, as the contact API answers it. */
export interface OptOutView {
  suppressed: boolean
  /** Whether the number itself is on the suppression list (absent from older servers). */
  numberSuppressed?: boolean
  /** The number's entry: since when, how, the colleague (absent from older servers). */
  numberOptOut?: { at: string; source: OptOutSource; by: string | null } | null
  /** The person's own opt-out, which follows them to any number. */
  optedOutAt?: string | null
  optOutSource?: OptOutSource | null
  optedOutBy?: string | null
}

const TEXT = {
  /** Between two sentences. */
  space: { en: ' ', zh: '' },
  stop: { en: '.', zh: '。' },
  numberToo: { en: 'The number is opted out too, since {time} ({how}).', zh: '此号码也已退订,自 {time} 起({how})。' },
  personNumber: { en: 'This number is on the suppression list too.', zh: '此号码也在退订名单中。' },
  number: { en: 'This number is on the suppression list: no marketing or recall is sent to it', zh: '此号码在退订名单中:不会向其发送营销或召回短信' },
  fallback: { en: 'Opted out', zh: '已退订' },
} satisfies Record<string, LocalizedText>

/** The same opt-out made once: a STOP or an import writes it on the person and on the number at one time. */
const sameOptOut = (own: OptOutRecord, number: OptOutRecord) => own.source === number.source && own.at === number.at

/**
 * Why a contact gets no marketing, in the words of its timeline (shared describeOptOut): the person's
 * own opt-out (when, how, who may lift it: it follows them to any number), else only the number's,
 * made before they held it; and the number's own when it is another opt-out than the person's. Times
 * are the contact's (`timeZone`, named), as its timeline writes them, not the reader's browser's.
 */
export function OptOutStatus({ contact, timeZone }: { contact: OptOutView; timeZone: string }) {
  const locale = useLocale()
  if (!contact.suppressed) return null
  const t = (text: LocalizedText) => localize(text, locale)
  const when = (at: number) => zonedTime(at, timeZone)
  const own = contact.optedOutAt && contact.optOutSource ? { at: Date.parse(contact.optedOutAt), source: contact.optOutSource, by: contact.optedOutBy } : undefined
  const number = contact.numberOptOut ? { ...contact.numberOptOut, at: Date.parse(contact.numberOptOut.at) } : undefined
  const stopping = stoppingOptOut(own, number)
  if (!stopping) {
    return (
      <strong className="error" data-testid="opt-out-status">
        {t(contact.numberSuppressed === false ? TEXT.fallback : TEXT.number)}
      </strong>
    )
  }
  const clause = t(describeOptOut(stopping, when(stopping.record.at)))
  const sentences = [`${clause.charAt(0).toUpperCase()}${clause.slice(1)}${t(TEXT.stop)}`]
  if (own && number && !sameOptOut(own, number))
    sentences.push(
      t(TEXT.numberToo)
        .replace('{time}', t(when(number.at)))
        .replace('{how}', t(numberOptOutHow(number))),
    )
  else if (own && !number && contact.numberSuppressed) sentences.push(t(TEXT.personNumber))
  return (
    <strong className="error" data-testid="opt-out-status">
      {sentences.join(t(TEXT.space))}
    </strong>
  )
}
