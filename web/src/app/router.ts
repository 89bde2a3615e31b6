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

export function navigate(path: string): void {
  window.location.hash = path
}
