import { localize, type Problem } from '@recall/shared'
import { useLocale } from '../app/locale'
import { problemKey } from './problems'

/** Problems as a list, each a button that shows its node (the problem list, the publish dialog's warnings, a publish's confirmation). */
export function ProblemItems({ problems, label, onShow }: { problems: readonly Problem[]; label: string; onShow(nodeId: string): void }) {
  const locale = useLocale()
  return (
    <ul className="problems" aria-label={label}>
      {problems.map((problem) => (
        <li key={problemKey(problem)}>
          <button type="button" className={`problem problem--${problem.severity}`} onClick={() => problem.nodeId && onShow(problem.nodeId)}>
            {problem.nodeId && <code>{problem.nodeId}</code>} {localize(problem.message, locale)}
          </button>
        </li>
      ))}
    </ul>
  )
}
