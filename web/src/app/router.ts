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

/** Asked before the app's own navigation leaves the page (a page with unsaved work sets it); false stays. */
let leaving: (() => boolean) | undefined

/** Sets what to ask before the app's own navigation leaves this page; answers the function that removes it. */
export function guardLeaving(ask: () => boolean): () => void {
  leaving = ask
  return () => {
    if (leaving === ask) leaving = undefined
  }
}

export function mayLeave(): boolean {
  return leaving ? leaving() : true
}

export function navigate(path: string): void {
  if (mayLeave()) window.location.hash = path
}
