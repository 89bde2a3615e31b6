import { localize, MESSAGE_STATUS_LABELS, type MessageStatus } from '@recall/shared'
import { useLocale } from './locale'

/** A message's status as a coloured badge, in the page's language. */
export function MessageStatusBadge({ status }: { status: string }) {
  const locale = useLocale()
  const label = MESSAGE_STATUS_LABELS[status as MessageStatus]
  return <span className={`status status--${status}`}>{label ? localize(label, locale) : status}</span>
}
