import { useSyncExternalStore } from 'react'

/** Pages live after the # (#/journeys/abc), so the server serves one index.html for all of them. */
function currentPath(): string {
  return window.location.hash.replace(/^#/, '') || '/journeys'
}

/** Asked before the app leaves this page (a page with unsaved work sets it); false stays. */
let leaving: (() => boolean) | undefined
/** The page the app shows: it follows the address unless the guard above keeps the page. */
let shownPath = currentPath()
/** Where the shown page's entry stands in the tab's history, so a refused Back or Forward can be walked back. */
let shownIndex = 0
/** The address the person already agreed to leave for (asked at the link or the app's navigation): not asked again. */
let agreedPath: string | undefined
/** Walking back to the shown page after a refused Back or Forward: the address passes through other pages meanwhile. */
let returning = false
const listeners = new Set<() => void>()

const HISTORY_KEY = 'recallIndex'

function indexOfEntry(): number | undefined {
  const state: unknown = window.history.state
  const index = state && typeof state === 'object' ? (state as Record<string, unknown>)[HISTORY_KEY] : undefined
  return typeof index === 'number' ? index : undefined
}

/** Numbers an entry the first time the app shows it (a link or a typed address makes a new one, one further on). */
function stampEntry(index: number): void {
  const state: unknown = window.history.state
  window.history.replaceState({ ...(state && typeof state === 'object' ? state : {}), [HISTORY_KEY]: index }, '')
}

/**
 * The address changed: a link, the app's navigation, Back or Forward, or a typed address. Back and
 * Forward (and a typed address) have moved already when the page hears of them, so a page that keeps
 * the person walks the history back to its own entry: the entries on either side stay where they were.
 */
function onAddressChange(event: Event): void {
  const next = currentPath()
  const index = indexOfEntry()
  if (returning) {
    // The walk back ends with a popstate; the hashchange of the refused move may still come before it.
    if (event.type !== 'popstate') return
    returning = false
    // It did not end on the shown page (the history was not as numbered): the shown page comes back as a new entry, not asked again.
    if (next !== shownPath) keepShownPage(shownIndex)
    return
  }
  if (next === shownPath) {
    // A new entry for the page shown ("#" to "#/journeys"): numbered like any other.
    if (index === undefined) follow(next, index)
    return
  }
  if (next !== agreedPath && leaving && !leaving()) {
    keepShownPage(index)
    return
  }
  follow(next, index)
  for (const listener of listeners) listener()
}

/**
 * The person stays: the history is walked back to the shown page's entry (an entry not numbered yet is a
 * new one, right after it). Only where that cannot be told does the shown page come back as a new entry.
 */
function keepShownPage(index: number | undefined): void {
  const steps = index === undefined ? -1 : shownIndex - index
  if (steps !== 0) {
    returning = true
    window.history.go(steps)
    return
  }
  window.history.pushState(null, '', `#${shownPath}`)
  stampEntry(shownIndex)
}

function follow(next: string, index: number | undefined): void {
  agreedPath = undefined
  shownPath = next
  shownIndex = index ?? shownIndex + 1
  if (index === undefined) stampEntry(shownIndex)
}

// Both: some browsers fire only one of them for some ways of changing the address; the second finds nothing new.
window.addEventListener('popstate', onAddressChange)
window.addEventListener('hashchange', onAddressChange)
if (indexOfEntry() === undefined) stampEntry(shownIndex)
else shownIndex = indexOfEntry() as number

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange)
  return () => listeners.delete(onChange)
}

/** The page to show; with no page guarding, whatever the address says (its change event may not have come yet). */
function shownPage(): string {
  const next = currentPath()
  if (!leaving && !returning && next !== shownPath) follow(next, indexOfEntry())
  return shownPath
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, shownPage)
}

/** A query parameter of the page address, e.g. `id` in #/contacts?id=M-1. */
export function pageParameter(name: string): string | undefined {
  const query = window.location.hash.split('?')[1]
  return query ? (new URLSearchParams(query).get(name) ?? undefined) : undefined
}

/** Sets what to ask before the app leaves this page (its links and navigation, Back and Forward); answers the function that removes it. */
export function guardLeaving(ask: () => boolean): () => void {
  leaving = ask
  return () => {
    if (leaving === ask) leaving = undefined
  }
}

/** Asks the page whether it may be left for `path`; a yes is remembered, so the address change it makes is not asked again. */
export function mayLeave(path: string): boolean {
  if (!leaving) return true
  const may = leaving()
  if (may) agreedPath = path
  return may
}

export function navigate(path: string): void {
  if (mayLeave(path)) window.location.hash = path
}
