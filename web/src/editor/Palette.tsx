import { localize, NODE_KINDS, nodeKindOf } from '@recall/shared'
import { useReactFlow } from '@xyflow/react'
import { useLocale } from '../app/locale'
import { TEXT } from '../app/texts'
import { NODE_VISUALS } from '../nodes/visuals'
import { PALETTE_MIME } from './Canvas'
import { addNodeNear } from './commands'
import { editingLocked, useEditor } from './store'

/** Every node kind: drag onto the canvas (or an edge), or click to add in the middle of the view. */
export function Palette() {
  const locale = useLocale()
  const { screenToFlowPosition } = useReactFlow()
  const locked = useEditor(editingLocked)
  return (
    <aside className="palette" aria-label={localize(TEXT.palette, locale)}>
      <h2>{localize(TEXT.palette, locale)}</h2>
      <p className="hint">{localize(TEXT.paletteHint, locale)}</p>
      {NODE_KINDS.map((kind) => (
        <button
          type="button"
          key={kind}
          className="palette__item"
          draggable={!locked}
          disabled={locked}
          data-kind={kind}
          style={{ borderLeftColor: NODE_VISUALS[kind].accent }}
          title={localize(nodeKindOf(kind).description, locale)}
          onDragStart={(event) => {
            event.dataTransfer.setData(PALETTE_MIME, kind)
            event.dataTransfer.effectAllowed = 'move'
          }}
          onClick={() => {
            const canvas = document.querySelector('.react-flow')?.getBoundingClientRect()
            const centre = canvas ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 } : { x: 0, y: 0 }
            addNodeNear(kind, screenToFlowPosition(centre))
          }}
        >
          <span aria-hidden="true">{NODE_VISUALS[kind].glyph}</span> {localize(nodeKindOf(kind).label, locale)}
        </button>
      ))}
    </aside>
  )
}
