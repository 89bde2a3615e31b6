import type { DeliveryContext } from '@recall/shared'
import { create } from 'zustand'
import { api } from './api'

/**
 * How each category goes out (provider, sign, opt-out wording, template registry), the same object
 * publishing validates against, so the editor shows the problems publishing would refuse.
 * Undefined until it has arrived; read again after the templates or providers change.
 */
export const useDelivery = create<{ delivery: DeliveryContext | undefined; requested: boolean; load(): void; reload(): void }>((set, get) => ({
  delivery: undefined,
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
  },
}))
