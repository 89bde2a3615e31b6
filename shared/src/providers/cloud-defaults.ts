import type { LocalizedText } from '../i18n'
import type { TimeOfDay } from '../schema/common'

export type CloudName = 'aliyun' | 'tencent'

/**
 * What each cloud's documentation says, used where the account's settings leave a value out (the
 * server) and shown as the placeholders of those settings (the web).
 */
export const CLOUD_DEFAULTS: Record<
  CloudName,
  { label: LocalizedText; marketingWindow: { start: TimeOfDay; end: TimeOfDay }; requestsPerSecond: number; dailyTemplateLimit: number }
> = {
  // Marketing blocked 20:00–08:00; SendSms/SendBatchSms 5,000 QPS per user; 50 a natural day per number, sign and template.
  aliyun: { label: { en: 'Aliyun', zh: '阿里云' }, marketingWindow: { start: '08:00', end: '20:00' }, requestsPerSecond: 5000, dailyTemplateLimit: 50 },
  // FailedOperation.MarketingSendTimeConstraint: marketing 08:00–22:00 only; SendSms 3,000 requests/s; 10 a natural day per number by default.
  tencent: { label: { en: 'Tencent Cloud', zh: '腾讯云' }, marketingWindow: { start: '08:00', end: '22:00' }, requestsPerSecond: 3000, dailyTemplateLimit: 10 },
}
