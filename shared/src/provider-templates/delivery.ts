import type { MessageCategory } from '../schema/common'
import type { ProviderTemplate } from './registry'

/** How messages of one category go out: the provider the workspace routes them to and what it needs. */
export interface RouteDelivery {
  provider: string
  /** The opt-out wording the provider's messages carry; absent: the default 回T退订 / Reply STOP. */
  optOutWording?: string | undefined
  /** The account's approved sign name, shown as 【sign】 instead of the journey's brand. */
  signName?: string | undefined
  /** Present only for template clouds: the account's template registry. */
  templates?: readonly ProviderTemplate[] | undefined
}

/**
 * The workspace's routes, passed into validation and the editor as data (shared stays pure): the
 * server builds it from its settings and template registry, the web fetches the same object.
 */
export type DeliveryContext = Partial<Record<MessageCategory, RouteDelivery>>
