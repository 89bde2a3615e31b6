import type { ProviderSendRule, SendPolicies } from '@recall/engine'
import { type LocalizedText, MESSAGE_CATEGORIES, type MessageCategory, type TimeOfDay } from '@recall/shared'
import { loadProviderSettings } from '../repositories/provider-settings'
import { settingsRepository } from '../repositories/settings'
import type { Executor } from '../worker/contact-view'
import type { CloudLimits, StoredProviderSettings } from './settings'

export type CloudName = 'aliyun' | 'tencent'

/** What each cloud's documentation says, used where the account's settings leave a value out. */
export const CLOUD_DEFAULTS: Record<
  CloudName,
  { label: LocalizedText; marketingWindow: { start: TimeOfDay; end: TimeOfDay }; requestsPerSecond: number; dailyTemplateLimit: number }
> = {
  // Marketing blocked 20:00–08:00; SendSms/SendBatchSms 5,000 QPS per user; 50 a natural day per number, sign and template.
  aliyun: { label: { en: 'Aliyun', zh: '阿里云' }, marketingWindow: { start: '08:00', end: '20:00' }, requestsPerSecond: 5000, dailyTemplateLimit: 50 },
  // FailedOperation.MarketingSendTimeConstraint: marketing 08:00–22:00 only; SendSms 3,000 requests/s; 10 a natural day per number by default.
  tencent: { label: { en: 'Tencent Cloud', zh: '腾讯云' }, marketingWindow: { start: '08:00', end: '22:00' }, requestsPerSecond: 3000, dailyTemplateLimit: 10 },
}

/** Both clouds keep Beijing time for their hours and their days. */
const CLOUD_TIME_ZONE = 'Asia/Shanghai'

/** An account's limits with the cloud's defaults filled in. */
export function cloudLimits(name: CloudName, limits: CloudLimits | undefined): Required<Omit<CloudLimits, 'pollReceipts'>> & { pollReceipts: boolean } {
  const defaults = CLOUD_DEFAULTS[name]
  return {
    marketingWindow: limits?.marketingWindow ?? defaults.marketingWindow,
    requestsPerSecond: limits?.requestsPerSecond ?? defaults.requestsPerSecond,
    dailyTemplateLimit: limits?.dailyTemplateLimit ?? defaults.dailyTemplateLimit,
    pollReceipts: limits?.pollReceipts ?? false,
  }
}

/** The rule of the cloud each category is routed to; categories sent by the sandbox or Twilio have none. */
export function providerRulesFrom(stored: StoredProviderSettings): Partial<Record<MessageCategory, ProviderSendRule>> {
  const rules: Partial<Record<MessageCategory, ProviderSendRule>> = {}
  for (const category of MESSAGE_CATEGORIES) {
    const name = stored.routes[category]
    if (name !== 'aliyun' && name !== 'tencent') continue
    const limits = cloudLimits(name, stored[name])
    rules[category] = { label: CLOUD_DEFAULTS[name].label, timeZone: CLOUD_TIME_ZONE, marketingWindow: limits.marketingWindow, dailyTemplateLimit: limits.dailyTemplateLimit }
  }
  return rules
}

/**
 * The policies every send is judged by, live and simulated: the workspace's own, narrowed by the
 * clouds the categories are routed to.
 */
export async function sendPolicies(db: Executor): Promise<SendPolicies> {
  const policies = await settingsRepository(db).policies()
  return { ...policies, providerRules: providerRulesFrom(await loadProviderSettings(db)) }
}
