import { type DeliveryContext, isTemplateCloud, MESSAGE_CATEGORIES, type MessageCategory, type RouteDelivery, type TemplateCloud, type ValidationOptions } from '@recall/shared'
import { asc } from 'drizzle-orm'
import { providerTemplates } from '../db/schema/index'
import type { StoredProviderSettings } from '../providers/settings'
import type { Executor } from '../worker/contact-view'
import { loadProviderSettings } from './provider-settings'
import { optOutWording, toTemplate } from './provider-templates'
import { settingsRepository } from './settings'

/**
 * How each category of message goes out, for validation on publish and for the editor: the routed
 * provider and, for a template cloud, its sign name, opt-out wording and template registry.
 * `settings` checks settings about to be saved; the stored ones otherwise.
 */
export async function deliveryContext(db: Executor, settings?: StoredProviderSettings): Promise<DeliveryContext> {
  const stored = settings ?? (await loadProviderSettings(db))
  const wording = await optOutWording(db)
  const rows = await db.select().from(providerTemplates).orderBy(asc(providerTemplates.code))
  const routeOf = (provider: string): RouteDelivery => {
    if (!isTemplateCloud(provider)) return { provider }
    const templates = rows.filter((row) => row.provider === provider).map(toTemplate)
    return { provider, signName: stored[provider]?.signName, optOutWording: wording[provider], templates }
  }
  return Object.fromEntries(MESSAGE_CATEGORIES.map((category) => [category, routeOf(stored.routes[category])]))
}

/**
 * What the server validates a journey against before it goes live (save, publish, schedule): the
 * routes above and the workspace's allowed sending hours, so a window outside them is refused.
 */
export async function workspaceValidation(db: Executor): Promise<ValidationOptions> {
  const delivery = await deliveryContext(db)
  const policies = await settingsRepository(db).policies()
  return { delivery, allowedHours: policies.quietHoursWindow }
}

/** What the routed clouds put around every message, per category, for the engine to render with: their sign name and opt-out wording. */
export async function routedMessageStyle(
  db: Executor,
  stored: StoredProviderSettings,
): Promise<{ optOutWording: Partial<Record<MessageCategory, string>>; signNames: Partial<Record<MessageCategory, string>> }> {
  // Read on every worker batch: the wording row only, with the provider settings the caller already holds.
  const wording = await optOutWording(db)
  const pick = (valueFor: (cloud: TemplateCloud) => string | undefined) =>
    Object.fromEntries(
      MESSAGE_CATEGORIES.flatMap((category) => {
        const provider = stored.routes[category]
        const value = isTemplateCloud(provider) ? valueFor(provider) : undefined
        return value === undefined ? [] : [[category, value]]
      }),
    )
  return { optOutWording: pick((cloud) => wording[cloud]), signNames: pick((cloud) => stored[cloud]?.signName) }
}
