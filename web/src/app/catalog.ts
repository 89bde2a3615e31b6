import { create } from 'zustand'
import { api } from './api'

export interface Catalog {
  attributes: { name: string; type: string; examples: unknown[] }[]
  events: { name: string; count: number }[]
}

/**
 * What the data holds (attribute and event names), read once per page load for the editor's
 * pickers. Undefined until it has arrived, so no warning shows before there is something to compare.
 */
export const useCatalog = create<{ catalog: Catalog | undefined; requested: boolean; load(): void }>((set, get) => ({
  catalog: undefined,
  requested: false,
  load() {
    if (get().requested) return
    set({ requested: true })
    api<Catalog>('GET', '/catalog')
      .then((catalog) => set({ catalog }))
      .catch(() => set({ requested: false }))
  },
}))
