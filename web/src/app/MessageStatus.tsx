import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from './locale'

/** The outbox's statuses as a marketer reads them. */
export const MESSAGE_STATUS_LABELS = {
  queued: { en: 'queued', zh: '待发送' },
  sent: { en: 'sent', zh: '已发送' },
  delivered: { en: 'delivered', zh: '已送达' },
  failed: { en: 'failed', zh: '发送失败' },
  clicked: { en: 'clicked', zh: '已点击' },
} satisfies Record<string, LocalizedText>

export type MessageStatus = keyof typeof MESSAGE_STATUS_LABELS

/** A message's status as a coloured badge, in the page's language. */
export function MessageStatusBadge({ status }: { status: string }) {
  const locale = useLocale()
  const label = MESSAGE_STATUS_LABELS[status as MessageStatus]
  return <span className={`status status--${status}`}>{label ? localize(label, locale) : status}</span>
}
