import type { JourneyDocument, JourneyEdge, JourneyNode, LocalizedText } from '@recall/shared'
import { create } from 'zustand'
import type { Measured } from './flow-elements'

/** How many edits undo remembers; documents share structure, so this costs little. */
const HISTORY_LIMIT = 200

export interface Clipboard {
  nodes: JourneyNode[]
  edges: JourneyEdge[]
}

/** A published version drawn instead of the draft. */
export interface ShownVersion {
  version: number
  document: JourneyDocument
}

export interface EditorState {
  journeyId: string | undefined
  document: JourneyDocument | undefined
  /**
   * A published version opened from the versions list, drawn read-only instead of the draft. The draft
   * stays as it is, saves, undo and leave prompts and all; it is drawn again when the version closes.
   */
  versionShown: ShownVersion | undefined
  /** Read-only too: the journey is archived, so the server refuses changes to it. */
  archived: boolean
  /** Read-only for this person: a viewer's every save would be refused, so they only look (kept across loads, set from the session). */
  viewOnly: boolean
  /**
   * The version contacts run on, drawn on the canvas instead of the draft while the Live view is open
   * (its counts are of it). The draft stays as it is, saves and all; it is drawn again when the view closes.
   */
  liveShown: ShownVersion | undefined
  past: JourneyDocument[]
  future: JourneyDocument[]
  /** What the server has; the draft is unsaved while `document` differs from it. */
  savedDocument: JourneyDocument | undefined
  selectedNodeIds: string[]
  selectedEdgeIds: string[]
  /** The document before a drag began, so a whole drag is one undo step. */
  dragOrigin: JourneyDocument | undefined
  clipboard: Clipboard | undefined
  /** A short message for the person, e.g. why a connection was refused. */
  notice: LocalizedText | undefined
  /** Node sizes as React Flow measured them, for the canvas and auto-layout. */
  measured: Record<string, Measured>
  /** The node (or note) the canvas is asked to bring into view; `seq` tells two asks for the same one apart. */
  focus: { id: string; seq: number } | undefined

  /** A draft as the server holds it, with nothing to undo and no version shown over it. */
  load(document: JourneyDocument, options?: { archived?: boolean }): void
  /** Draws a published version read-only over the draft (undefined: the draft again); the selection, made on what was drawn, is cleared. */
  showVersion(shown: ShownVersion | undefined): void
  /**
   * Applies an edit as one undo step. Edits with the same `coalesce` key in quick succession
   * (typing in one field) share a step, so undo takes back a word, not a letter.
   */
  edit(next: JourneyDocument, coalesce?: string): void
  /**
   * Puts an edit kept in the browser back on top of the draft just loaded, as one undo step: also while
   * the Live view draws another version (the draft's saves go on), not where the server takes no draft.
   */
  restoreKept(kept: JourneyDocument): void
  /** Replaces the document during a gesture (a drag) without an undo step. */
  preview(next: JourneyDocument): void
  endGesture(): void
  undo(): void
  redo(): void
  select(nodeIds: string[], edgeIds?: string[]): void
  markSaved(document: JourneyDocument): void
  setClipboard(clipboard: Clipboard): void
  setNotice(notice: LocalizedText | undefined): void
  setMeasured(sizes: Record<string, Measured>): void
  /** Selects a node or note and asks the canvas to bring it into view (a problem clicked, a search's match). */
  showNode(id: string): void
}

/** The server takes no draft from this page: the journey is archived, or the person may only view. */
export const savesLocked = (state: Pick<EditorState, 'archived' | 'viewOnly'>) => state.archived || state.viewOnly

/** Nothing can be changed on screen: saves are locked, or the canvas draws a published version (the live one, or one opened) rather than the draft. */
export const editingLocked = (state: Pick<EditorState, 'archived' | 'viewOnly' | 'liveShown' | 'versionShown'>) => savesLocked(state) || versionDrawn(state) !== undefined

/** The live version the Live view draws instead of the draft, if it does: what the inspector's fields and hints are then about. */
export const liveVersionDrawn = (state: Pick<EditorState, 'liveShown'>) => state.liveShown?.version

/** The published version drawn instead of the draft, if one is: the live one in the Live view, or one opened from the versions list. */
export const versionDrawn = (state: Pick<EditorState, 'liveShown' | 'versionShown'>) => state.liveShown?.version ?? state.versionShown?.version

/** What the canvas draws: the live version in the Live view, a version opened from the list, the document being edited otherwise. */
export const drawnDocument = (state: Pick<EditorState, 'document' | 'liveShown' | 'versionShown'>) => state.liveShown?.document ?? state.versionShown?.document ?? state.document

/** Keystrokes closer together than this in one field are one undo step. */
const COALESCE_MS = 1000
let lastEdit: { key: string | undefined; at: number } = { key: undefined, at: 0 }

const cleared = { past: [], future: [], selectedNodeIds: [], selectedEdgeIds: [], dragOrigin: undefined, notice: undefined, focus: undefined }

/** The editor's one store: the document and the selection; the viewport stays in React Flow. */
export const useEditor = create<EditorState>((set, get) => ({
  journeyId: undefined,
  document: undefined,
  versionShown: undefined,
  archived: false,
  viewOnly: false,
  liveShown: undefined,
  savedDocument: undefined,
  clipboard: undefined,
  measured: {},
  ...cleared,

  load(document, options = {}) {
    set({ ...cleared, journeyId: document.id, document, savedDocument: document, versionShown: undefined, archived: options.archived ?? false })
  },
  showVersion(shown) {
    set({ versionShown: shown, selectedNodeIds: [], selectedEdgeIds: [] })
  },
  edit(next, coalesce) {
    const { document, past } = get()
    if (!document || next === document || editingLocked(get())) return
    const now = Date.now()
    const continues = coalesce !== undefined && lastEdit.key === coalesce && now - lastEdit.at < COALESCE_MS
    lastEdit = { key: coalesce, at: now }
    if (continues) return set({ document: next, future: [] })
    set({ document: next, past: [...past, document].slice(-HISTORY_LIMIT), future: [], notice: undefined })
  },
  restoreKept(kept) {
    const { document, past } = get()
    if (!document || savesLocked(get())) return
    set({ document: kept, past: [...past, document].slice(-HISTORY_LIMIT), future: [] })
  },
  preview(next) {
    const { document, dragOrigin } = get()
    if (!document || editingLocked(get())) return
    set({ document: next, dragOrigin: dragOrigin ?? document })
  },
  endGesture() {
    const { dragOrigin, document, past } = get()
    if (!dragOrigin || !document) return
    set({ dragOrigin: undefined, past: [...past, dragOrigin].slice(-HISTORY_LIMIT), future: [] })
  },
  undo() {
    const { past, document, future } = get()
    const previous = past.at(-1)
    if (!previous || !document) return
    set({ document: previous, past: past.slice(0, -1), future: [document, ...future], notice: undefined })
  },
  redo() {
    const { past, document, future } = get()
    const [next, ...rest] = future
    if (!next || !document) return
    set({ document: next, past: [...past, document], future: rest, notice: undefined })
  },
  select(nodeIds, edgeIds = []) {
    set({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds })
  },
  markSaved(document) {
    set({ savedDocument: document })
  },
  setClipboard(clipboard) {
    set({ clipboard })
  },
  setNotice(notice) {
    set({ notice })
  },
  setMeasured(sizes) {
    set({ measured: { ...get().measured, ...sizes } })
  },
  showNode(id) {
    set({ selectedNodeIds: [id], selectedEdgeIds: [], focus: { id, seq: (get().focus?.seq ?? 0) + 1 } })
  },
}))
