import { create } from 'zustand'
import { api } from './api'

export interface Catalog {
  attributes: { name: string; type: string; examples: unknown[] }[]
  events: { name: string; count: number }[]
}

/**
 * What the data holds (attribute and event names), read when a journey opens in the editor, for its
 * pickers. Undefined until it has arrived, so no warning shows before there is something to compare.
 */
export const useCatalog = create<{ catalog: Catalog | undefined; requested: boolean; load(): void; reload(): void }>((set, get) => ({
  catalog: undefined,
  requested: false,
  load() {
    if (get().requested) return
    get().reload()
  },
  /** Read again: contacts imported since the page loaded bring attributes the editor must know (their types type condition values). */
  reload() {
    set({ requested: true })
    api<Catalog>('GET', '/catalog')
      .then((catalog) => set({ catalog }))
      .catch(() => set({ requested: false }))
  },
}))
