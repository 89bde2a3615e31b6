import { localize, nodeKindOf, removeElements } from '@recall/shared'
import { useLocale } from '../app/locale'
import { TEXT } from '../app/texts'
import { inspectors } from '../nodes/inspectors'
import { NODE_VISUALS } from '../nodes/visuals'
import { SendTestButton } from '../preview/SendTestButton'
import { JourneySettingsInspector } from './JourneySettingsInspector'
import { ignoringPosition } from './moved-only'
import { problemKey, useProblems } from './problems'
import { drawnDocument, editingLocked, useEditor, versionDrawn } from './store'

/** The selected node's form, or the journey's settings when nothing (or several things) is selected. */
export function InspectorPanel() {
  const locale = useLocale()
  // The same node object while it is dragged, so the form does not re-render on every frame.
  const node = useEditor((state) =>
    state.selectedNodeIds.length === 1 ? ignoringPosition(drawnDocument(state)?.nodes.find((candidate) => candidate.id === state.selectedNodeIds[0])) : undefined,
  )
  const readOnly = useEditor(editingLocked)
  // A published version drawn (the Live view's, or one opened): the draft's problems and test sends are not about what is shown.
  const versionShown = useEditor(versionDrawn) !== undefined
  const draftProblems = useProblems().byNode.get(node?.id ?? '') ?? []
  const nodeProblems = versionShown ? [] : draftProblems
  if (!node) {
    return (
      <aside className="inspector" aria-label={localize(TEXT.journeySettings, locale)}>
        <fieldset disabled={readOnly}>
          <JourneySettingsInspector />
        </fieldset>
      </aside>
    )
  }
  const Inspector = inspectors[node.type]
  const kind = nodeKindOf(node.type)
  return (
    <aside className="inspector" aria-label={localize(kind.label, locale)}>
      <header className="inspector__header" style={{ borderLeftColor: NODE_VISUALS[node.type].accent }}>
        <h2>{localize(kind.label, locale)}</h2>
        <code>{node.id}</code>
        <button
          type="button"
          disabled={readOnly}
          onClick={() => {
            const { document, edit, select } = useEditor.getState()
            if (!document) return
            edit(removeElements(document, [node.id]))
            select([])
          }}
        >
          {localize(TEXT.deleteNode, locale)}
        </button>
      </header>
      <p className="hint">{localize(kind.description, locale)}</p>
      {/* This node's problems beside its form, each naming its field in words ("Wait duration must be a whole number"). */}
      {nodeProblems.length > 0 && (
        <ul className="inspector__problems" aria-label={localize(TEXT.problems, locale)}>
          {nodeProblems.map((problem) => (
            <li key={problemKey(problem)} className={`problem problem--${problem.severity}`} data-path={problem.path}>
              {localize(problem.message, locale)}
            </li>
          ))}
        </ul>
      )}
      {/* A disabled fieldset makes every control of a published version read-only at once. */}
      <fieldset disabled={readOnly} className="inspector__body" key={node.id}>
        <Inspector nodeId={node.id} />
      </fieldset>
      {!versionShown && <SendTestButton nodeId={node.id} nodeType={node.type} />}
    </aside>
  )
}
