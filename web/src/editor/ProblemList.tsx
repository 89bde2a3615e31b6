import { localize } from '@recall/shared'
import { useReactFlow } from '@xyflow/react'
import { useLocale } from '../app/locale'
import { TEXT } from '../app/texts'
import { problemKey, useProblems } from './problems'
import { useEditor } from './store'

/** Every problem of the draft; clicking one selects its node and brings it into view. */
export function ProblemList() {
  const locale = useLocale()
  const { all } = useProblems()
  const { getNode, setCenter, getZoom } = useReactFlow()
  const select = useEditor((state) => state.select)
  // An archived journey is never published again: "ready to publish" would promise what cannot happen.
  const archived = useEditor((state) => state.archived)
  if (archived) return <p className="problems problems--none">{localize(TEXT.archivedNothingToPublish, locale)}</p>
  if (all.length === 0) return <p className="problems problems--none">{localize(TEXT.noProblems, locale)}</p>
  return (
    <ul className="problems" aria-label={localize(TEXT.problems, locale)}>
      {all.map((problem) => (
        <li key={problemKey(problem)}>
          <button
            type="button"
            className={`problem problem--${problem.severity}`}
            onClick={() => {
              if (!problem.nodeId) return
              select([problem.nodeId])
              const node = getNode(problem.nodeId)
              if (node)
                setCenter(node.position.x + (node.measured?.width ?? 0) / 2, node.position.y + (node.measured?.height ?? 0) / 2, { zoom: Math.max(getZoom(), 0.8), duration: 300 })
            }}
          >
            {problem.nodeId && <code>{problem.nodeId}</code>} {localize(problem.message, locale)}
          </button>
        </li>
      ))}
    </ul>
  )
}
