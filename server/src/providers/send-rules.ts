import type { ProviderSendRule, SendPolicies } from '@recall/engine'
import { MESSAGE_CATEGORIES, type MessageCategory } from '@recall/shared'
import { controlGroupPolicy } from '../repositories/control-group'
import { routedMessageStyle } from '../repositories/delivery-context'
import { loadProviderSettings } from '../repositories/provider-settings'
import { settingsRepository } from '../repositories/settings'
import { workspaceSettingsRepository } from '../repositories/workspace-settings'
import type { Executor } from '../worker/contact-view'
import { CLOUD_DEFAULTS, CLOUD_TIME_ZONE, cloudLimits } from './cloud-defaults'
import type { StoredProviderSettings } from './settings'

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
 * clouds the categories are routed to, with the workspace's control group.
 */
export async function sendPolicies(db: Executor): Promise<SendPolicies> {
  const policies = await settingsRepository(db).policies()
  const controlGroup = await controlGroupPolicy(db, (await workspaceSettingsRepository(db).load()).controlGroupPercent)
  const stored = await loadProviderSettings(db)
  // The cloud's sign name and opt-out wording go into the text itself, so its parts and cost are what the cloud bills.
  return {
    ...policies,
    providerRules: providerRulesFrom(stored),
    ...(await routedMessageStyle(db, stored)),
    ...(controlGroup ? { controlGroup } : {}),
  }
}
