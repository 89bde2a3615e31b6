import { type DeliveryContext, isTemplateCloud, MESSAGE_CATEGORIES, type MessageCategory, type RouteDelivery } from '@recall/shared'
import { asc } from 'drizzle-orm'
import { providerTemplates } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'
import { loadProviderSettings } from './provider-settings'
import { optOutWording, toTemplate } from './provider-templates'

/**
 * How each category of message goes out, for validation on publish and for the editor: the routed
 * provider and, for a template cloud, its sign name, opt-out wording and template registry.
 */
export async function deliveryContext(db: Executor): Promise<DeliveryContext> {
  const stored = await loadProviderSettings(db)
  const wording = await optOutWording(db)
  const rows = await db.select().from(providerTemplates).orderBy(asc(providerTemplates.code))
  const routeOf = (provider: string): RouteDelivery => {
    if (!isTemplateCloud(provider)) return { provider }
    const templates = rows.filter((row) => row.provider === provider).map(toTemplate)
    return { provider, signName: stored[provider]?.signName, optOutWording: wording[provider], templates }
  }
  return Object.fromEntries(MESSAGE_CATEGORIES.map((category) => [category, routeOf(stored.routes[category])]))
}

/** Each category's opt-out wording where its provider has its own, for the engine to render with. */
export async function routedOptOutWording(db: Executor): Promise<Partial<Record<MessageCategory, string>>> {
  const stored = await loadProviderSettings(db)
  const wording = await optOutWording(db)
  return Object.fromEntries(
    MESSAGE_CATEGORIES.flatMap((category) => {
      const provider = stored.routes[category]
      return isTemplateCloud(provider) ? [[category, wording[provider]]] : []
    }),
  )
}
