import type { LocalizedText } from '../i18n'

/**
 * The outbox's states: `queued → sending (a lease) → sent → delivered | clicked`, or `failed`,
 * `cancelled` (checked again at the moment of sending and no longer allowed) or `uncertain` (a
 * lease ran out with the provider's answer unknown: maybe sent, never resent).
 */
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'clicked', 'failed', 'cancelled', 'uncertain'] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

/**
 * Messages that reached, or may have reached, the phone: what frequency caps and the daily ceiling
 * count. A `failed` message counts too when the provider had accepted it (a failed delivery report
 * does not prove the phone never got it): the server's one rule is countedTowardCaps
 * (server/src/worker/outbox/counted.ts), which every reader of recent sends uses.
 */
export const COUNTED_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'clicked', 'uncertain'] as const satisfies readonly MessageStatus[]

export const MESSAGE_STATUS_LABELS = {
  queued: { en: 'queued', zh: '待发送' },
  sending: { en: 'sending', zh: '发送中' },
  sent: { en: 'sent', zh: '已发送' },
  delivered: { en: 'delivered', zh: '已送达' },
  clicked: { en: 'clicked', zh: '已点击' },
  failed: { en: 'failed', zh: '发送失败' },
  cancelled: { en: 'cancelled', zh: '已取消' },
  uncertain: { en: 'uncertain (may have been sent)', zh: '状态未知(可能已发送)' },
} satisfies Record<MessageStatus, LocalizedText>
