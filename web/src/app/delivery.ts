import type { DeliveryContext, SendWindow } from '@recall/shared'
import { create } from 'zustand'
import { api } from './api'

interface DeliveryState {
  delivery: DeliveryContext | undefined
  /** The workspace's allowed sending hours (Settings → send policies); undefined when none are set or not yet known. */
  allowedHours: SendWindow | undefined
  requested: boolean
  load(): void
  reload(): void
}

/**
 * How each category goes out (provider, sign, opt-out wording, template registry) and the
 * workspace's allowed sending hours: what publishing validates against, so the editor shows the
 * problems publishing would refuse. Undefined until it has arrived; read again when the editor
 * opens and after the templates or providers change.
 */
export const useDelivery = create<DeliveryState>((set, get) => ({
  delivery: undefined,
  allowedHours: undefined,
  requested: false,
  load() {
    if (get().requested) return
    get().reload()
  },
  reload() {
    set({ requested: true })
    api<DeliveryContext>('GET', '/provider-templates/delivery')
      .then((delivery) => set({ delivery }))
      .catch(() => set({ requested: false }))
    api<{ quietHoursWindow?: SendWindow }>('GET', '/settings/policies')
      .then((policies) => set({ allowedHours: policies.quietHoursWindow }))
      .catch(() => undefined)
  },
}))
