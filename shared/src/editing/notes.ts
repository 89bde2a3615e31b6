import type { JourneyDocument, StickyNote } from '../schema/document'

/** A note id not yet used by a note or a node of the document. */
function freshNoteId(document: JourneyDocument): string {
  const taken = new Set([...(document.notes ?? []).map((note) => note.id), ...document.nodes.map((node) => node.id)])
  let index = 1
  while (taken.has(`note-${index}`)) index += 1
  return `note-${index}`
}

export function addNote(document: JourneyDocument, position: { x: number; y: number }, text = ''): { document: JourneyDocument; noteId: string } {
  const noteId = freshNoteId(document)
  return { document: { ...document, notes: [...(document.notes ?? []), { id: noteId, position, text }] }, noteId }
}

function changeNotes(document: JourneyDocument, change: (note: StickyNote) => StickyNote): JourneyDocument {
  const notes = document.notes ?? []
  const next = notes.map(change)
  return next.every((note, index) => note === notes[index]) ? document : { ...document, notes: next }
}

export function updateNoteText(document: JourneyDocument, noteId: string, text: string): JourneyDocument {
  return changeNotes(document, (note) => (note.id === noteId && note.text !== text ? { ...note, text } : note))
}

export function moveNotes(document: JourneyDocument, positions: ReadonlyMap<string, { x: number; y: number }>): JourneyDocument {
  return changeNotes(document, (note) => {
    const position = positions.get(note.id)
    return position && (position.x !== note.position.x || position.y !== note.position.y) ? { ...note, position } : note
  })
}

export function removeNotes(document: JourneyDocument, noteIds: Iterable<string>): JourneyDocument {
  const gone = new Set(noteIds)
  const notes = document.notes ?? []
  if (!notes.some((note) => gone.has(note.id))) return document
  return { ...document, notes: notes.filter((note) => !gone.has(note.id)) }
}
