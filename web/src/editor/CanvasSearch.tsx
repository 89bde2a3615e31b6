import { type JourneyDocument, type JourneyNode, type LocalizedText, localize, nodeKindOf } from '@recall/shared'
import { useState } from 'react'
import { useLocale } from '../app/locale'
import { drawnDocument, useEditor } from './store'

const TEXT = {
  find: { en: 'Find a node or note (name, id or text)', zh: '查找节点或便签(名称、标识或文案)' },
  none: { en: 'No node or note matches', zh: '没有匹配的节点或便签' },
  count: { en: '{at} of {count}', zh: '第 {at} 个,共 {count} 个' },
} satisfies Record<string, LocalizedText>

/** What a node can be found by: its id, its summary in both languages, and every text in its data. */
function searchableText(node: JourneyNode): string {
  const kind = nodeKindOf(node.type)
  const summaries = [kind.summary(node.data as never, 'en'), kind.summary(node.data as never, 'zh-CN')]
  return [node.id, ...summaries, JSON.stringify(node.data)].join(' ').toLowerCase()
}

export function matchingNodes(nodes: readonly JourneyNode[], query: string): JourneyNode[] {
  const needle = query.trim().toLowerCase()
  return needle === '' ? [] : nodes.filter((node) => searchableText(node).includes(needle))
}

type StickyNote = NonNullable<JourneyDocument['notes']>[number]

/** Notes are found by their text: team notes often hold what a node is about ("春节 copy approved"). */
export function matchingNotes(notes: readonly StickyNote[], query: string): StickyNote[] {
  const needle = query.trim().toLowerCase()
  return needle === '' ? [] : notes.filter((note) => note.text.toLowerCase().includes(needle))
}

const NO_NODES: readonly JourneyNode[] = []
const NO_NOTES: readonly StickyNote[] = []

/** Finds nodes by name or text, and notes by text; Enter selects the next match and brings it into view. */
export function CanvasSearch() {
  const locale = useLocale()
  const [query, setQuery] = useState('')
  const [at, setAt] = useState(0)
  // Read only while something is searched: an empty box does not re-render on every drag frame.
  const nodes = useEditor((state) => (query.trim() === '' ? NO_NODES : (drawnDocument(state)?.nodes ?? NO_NODES)))
  const notes = useEditor((state) => (query.trim() === '' ? NO_NOTES : (drawnDocument(state)?.notes ?? NO_NOTES)))
  // Nodes first, then notes: each selected and centred the same way.
  const matches: { id: string }[] = [...matchingNodes(nodes, query), ...matchingNotes(notes, query)]
  function show(index: number) {
    const match = matches[index]
    if (!match) return
    setAt(index)
    useEditor.getState().showNode(match.id)
  }
  return (
    <span className="canvas-search">
      <input
        type="search"
        aria-label={localize(TEXT.find, locale)}
        placeholder={localize(TEXT.find, locale)}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value)
          setAt(0)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') show(matches.length === 0 ? 0 : (at + (useEditor.getState().selectedNodeIds[0] === matches[at]?.id ? 1 : 0)) % matches.length)
        }}
      />
      {query.trim() !== '' && (
        <small role="status">
          {matches.length === 0
            ? localize(TEXT.none, locale)
            : localize(TEXT.count, locale)
                .replace('{at}', String(at + 1))
                .replace('{count}', String(matches.length))}
        </small>
      )}
    </span>
  )
}
