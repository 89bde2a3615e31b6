import { useSyncExternalStore } from 'react'

/** Pages live after the # (#/journeys/abc), so the server serves one index.html for all of them. */
function currentPath(): string {
  return window.location.hash.replace(/^#/, '') || '/journeys'
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath)
}

/** A query parameter of the page address, e.g. `id` in #/contacts?id=M-1. */
export function pageParameter(name: string): string | undefined {
  const query = window.location.hash.split('?')[1]
  return query ? (new URLSearchParams(query).get(name) ?? undefined) : undefined
}

export function navigate(path: string): void {
  window.location.hash = path
}
