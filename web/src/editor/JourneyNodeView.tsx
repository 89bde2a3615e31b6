import { localize, nodeKindOf } from '@recall/shared'
import { Handle, type NodeProps, Position } from '@xyflow/react'
import { memo } from 'react'
import { useDelivery } from '../app/delivery'
import { useLocale } from '../app/locale'
import { NODE_VISUALS } from '../nodes/visuals'
import type { JourneyFlowNode } from './flow-elements'
import { NodeCounts } from './NodeCounts'
import { problemsOf, useShownAudience } from './problems'
import { useEditor, versionDrawn } from './store'

/** Every kind's canvas node: kind, one-line summary, problems, and one labelled handle per output. */
export const JourneyNodeView = memo(function JourneyNodeView({ data, selected }: NodeProps<JourneyFlowNode>) {
  const locale = useLocale()
  const node = data.journeyNode
  const kind = nodeKindOf(node.type)
  const delivery = useDelivery((state) => state.delivery)
  const allowedHours = useDelivery((state) => state.allowedHours)
  const audience = useShownAudience()
  // The draft's problems, not on a published version drawn instead of it (it was checked when published).
  const problems = useEditor((state) => (versionDrawn(state) !== undefined ? undefined : problemsOf(state.document, delivery, allowedHours, audience(state)).byNode.get(node.id)))
  const errors = problems?.filter((problem) => problem.severity === 'error') ?? []
  const shown = errors[0] ?? problems?.[0]
  const handles = kind.handles(node.data)
  const visual = NODE_VISUALS[node.type]
  const state = errors.length > 0 ? 'error' : problems?.length ? 'warning' : 'ok'
  return (
    <div className={`journey-node journey-node--${state}${selected ? ' journey-node--selected' : ''}`} style={{ borderTopColor: visual.accent }} data-node-id={node.id}>
      {!kind.isEntry && <Handle type="target" position={Position.Left} />}
      <div className="journey-node__kind" style={{ color: visual.accent }}>
        <span aria-hidden="true">{visual.glyph}</span> {localize(kind.label, locale)}
      </div>
      <div className="journey-node__summary">{kind.summary(node.data, locale)}</div>
      <NodeCounts nodeId={node.id} />
      {shown && (
        // A long warning (contacts held in many zones) shows its first lines, which carry the count; the whole is its tooltip, the inspector and the problem list.
        <div
          className={`journey-node__problem journey-node__problem--${shown.severity}`}
          role={shown.severity === 'error' ? 'alert' : undefined}
          title={localize(shown.message, locale)}
        >
          <span className="journey-node__problem-text">{localize(shown.message, locale)}</span>
          {problems && problems.length > 1 ? ` (+${problems.length - 1})` : ''}
        </div>
      )}
      {handles.length > 0 && (
        <div className="journey-node__outputs">
          {handles.map((handle) => (
            <div key={handle.id} className="journey-node__output">
              {handles.length > 1 || handle.id !== 'out' ? <span>{localize(handle.label, locale)}</span> : null}
              <Handle type="source" id={handle.id} position={Position.Right} />
            </div>
          ))}
        </div>
      )}
    </div>
  )
})
