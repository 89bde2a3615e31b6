import type { Problem } from '@recall/shared'
import { create } from 'zustand'

/**
 * `signed-out`: kept in the browser until the person signs in again; `conflict`: someone saved a newer
 * draft; `deleted`: the journey was deleted elsewhere, so nothing more is sent (the page keeps what is shown).
 */
export type SaveState = 'saved' | 'saving' | 'unsaved' | 'failed' | 'signed-out' | 'conflict' | 'deleted'

export interface DraftConflict {
  /** Who saved the newer draft and when, in the person's language. */
  message: string
  /** What differs there, node by node. */
  problems: (Problem & { text?: string })[]
}

interface SaveStatus {
  state: SaveState
  error: string | undefined
  /** The draft revision this page's document is based on: sent as If-Match. */
  revision: number | undefined
  conflict: DraftConflict | undefined
}

/** How the open page's draft stands with the server; only that page's saves write it (see editor-session). */
export const useSaveState = create<SaveStatus>(() => ({ state: 'saved', error: undefined, revision: undefined, conflict: undefined }))
