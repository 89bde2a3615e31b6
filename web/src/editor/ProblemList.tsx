import { localize } from '@recall/shared'
import { useLocale } from '../app/locale'
import { TEXT } from '../app/texts'
import { ProblemItems } from './ProblemItems'
import { useProblems } from './problems'
import { useEditor } from './store'

/** Every problem of the draft; clicking one selects its node and brings it into view. */
export function ProblemList() {
  const locale = useLocale()
  const { all } = useProblems()
  // An archived journey is never published again: "ready to publish" would promise what cannot happen.
  const archived = useEditor((state) => state.archived)
  if (archived) return <p className="problems problems--none">{localize(TEXT.archivedNothingToPublish, locale)}</p>
  if (all.length === 0) return <p className="problems problems--none">{localize(TEXT.noProblems, locale)}</p>
  return <ProblemItems problems={all} label={localize(TEXT.problems, locale)} onShow={useEditor.getState().showNode} />
}
