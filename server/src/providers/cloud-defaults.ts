import { CLOUD_DEFAULTS, type CloudName } from '@recall/shared'
import type { CloudLimits } from './settings'

export { CLOUD_DEFAULTS, type CloudName }

/** Both clouds keep Beijing time for their hours and their days. */
export const CLOUD_TIME_ZONE = 'Asia/Shanghai'

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
