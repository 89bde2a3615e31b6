import { type LocalizedText, localize } from '@recall/shared'
import { type JourneyRecord, saysMoreThan } from '../app/api'
import { useLocale } from '../app/locale'
import { saveNow } from './draft-save'
import { openDraft } from './journey-loader'
import { forgetPendingDraft } from './pending-draft'
import { type DraftConflict as SavedConflict, useSaveState } from './save-state'
import { useEditor } from './store'

const TEXT = {
  title: { en: 'Someone else saved this draft', zh: '其他人保存了此草稿' },
  reload: { en: 'Reload their draft (drop my changes)', zh: '载入对方的草稿(放弃我的修改)' },
  overwrite: { en: 'Overwrite with mine', zh: '用我的覆盖' },
  theirs: { en: 'Their changes', zh: '对方的修改' },
  mine: { en: 'Your unsaved changes', zh: '你未保存的修改' },
} satisfies Record<string, LocalizedText>

/** The server's code for a change of the refused save itself (theirs are `changed_elsewhere`). */
const MY_CHANGE = 'changed_here'

/** Drops my changes, also the copy kept in this browser while signed out, which would otherwise come back on top of theirs and conflict again. */
export function reloadTheirs(journeyId: string): Promise<JourneyRecord> {
  forgetPendingDraft(journeyId)
  return openDraft(journeyId)
}

type ConflictProblem = SavedConflict['problems'][number]

/** One list of changes, each naming its node (a click selects it). */
function Changes({ label, problems }: { label: string; problems: ConflictProblem[] }) {
  const locale = useLocale()
  if (problems.length === 0) return null
  return (
    <ul aria-label={label}>
      {problems.map((problem) => (
        <li key={`${problem.nodeId ?? ''}${problem.path}`}>
          {problem.nodeId ? (
            <button type="button" className="link" onClick={() => useEditor.getState().select([problem.nodeId as string])}>
              {problem.text ?? localize(problem.message, locale)}
            </button>
          ) : (
            (problem.text ?? localize(problem.message, locale))
          )}
        </li>
      ))}
    </ul>
  )
}

/**
 * When a save meets a newer draft: who saved it, what they changed since the draft this page started
 * from, my changes not saved apart from theirs (the server tells them by code), and the two ways on.
 */
export function DraftConflict({ journeyId, onReloaded }: { journeyId: string; onReloaded(record: JourneyRecord): void }) {
  const locale = useLocale()
  const conflict = useSaveState((state) => state.conflict)
  if (!conflict) return null
  // The problem that only says where (the If-Match header) repeats the message above.
  const said = conflict.problems.filter(saysMoreThan(conflict.message))
  const mine = said.filter((problem) => problem.code === MY_CHANGE)
  return (
    <div className="notice notice--conflict" role="alert">
      <strong>{localize(TEXT.title, locale)}</strong>: {conflict.message}
      <Changes label={localize(TEXT.theirs, locale)} problems={said.filter((problem) => problem.code !== MY_CHANGE)} />
      {mine.length > 0 && <p>{localize(TEXT.mine, locale)}</p>}
      <Changes label={localize(TEXT.mine, locale)} problems={mine} />
      <button type="button" onClick={() => void reloadTheirs(journeyId).then(onReloaded)}>
        {localize(TEXT.reload, locale)}
      </button>{' '}
      <button type="button" className="primary" onClick={() => void saveNow({ overwrite: true })}>
        {localize(TEXT.overwrite, locale)}
      </button>
    </div>
  )
}
