import { type LocalizedText, localize } from '@recall/shared'
import { type JourneyRecord, saysMoreThan } from '../app/api'
import { useLocale } from '../app/locale'
import { saveNow } from './draft-save'
import { openDraft } from './journey-loader'
import { forgetPendingDraft } from './pending-draft'
import { useSaveState } from './save-state'
import { useEditor } from './store'

const TEXT = {
  title: { en: 'Someone else saved this draft', zh: '其他人保存了此草稿' },
  reload: { en: 'Reload their draft (drop my changes)', zh: '载入对方的草稿(放弃我的修改)' },
  overwrite: { en: 'Overwrite with mine', zh: '用我的覆盖' },
} satisfies Record<string, LocalizedText>

/** Drops my changes, also the copy kept in this browser while signed out, which would otherwise come back on top of theirs and conflict again. */
export function reloadTheirs(journeyId: string): Promise<JourneyRecord> {
  forgetPendingDraft(journeyId)
  return openDraft(journeyId)
}

/** When a save meets a newer draft: who saved it, what differs, and the two ways on. */
export function DraftConflict({ journeyId, onReloaded }: { journeyId: string; onReloaded(record: JourneyRecord): void }) {
  const locale = useLocale()
  const conflict = useSaveState((state) => state.conflict)
  if (!conflict) return null
  return (
    <div className="notice notice--conflict" role="alert">
      <strong>{localize(TEXT.title, locale)}</strong>: {conflict.message}
      <ul>
        {/* The problem that only says where (the If-Match header) repeats the message above. */}
        {conflict.problems.filter(saysMoreThan(conflict.message)).map((problem) => (
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
      <button type="button" onClick={() => void reloadTheirs(journeyId).then(onReloaded)}>
        {localize(TEXT.reload, locale)}
      </button>{' '}
      <button type="button" className="primary" onClick={() => void saveNow({ overwrite: true })}>
        {localize(TEXT.overwrite, locale)}
      </button>
    </div>
  )
}
