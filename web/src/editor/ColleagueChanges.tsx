import { type JourneyHead, type LocalizedText, localize, storedActorText } from '@recall/shared'
import { useEffect, useState } from 'react'
import type { JourneyRecord } from '../app/api'
import { useLocale } from '../app/locale'
import { reloadTheirs } from './DraftConflict'
import { saveNow } from './draft-save'
import { useSaveState } from './save-state'
import { useNewerDraftOnServer, useServerHead } from './server-head'
import { savesLocked, useEditor } from './store'

const TEXT = {
  draftNewer: { en: '{name} saved a newer draft (revision {revision}) while you had this one open.', zh: '{name} 在你打开此草稿期间保存了更新的草稿(第 {revision} 版)。' },
  mineUnsaved: { en: 'Your changes here are not saved yet.', zh: '你在此处的修改尚未保存。' },
  keepHint: { en: 'Keeping yours asks once more before it replaces theirs.', zh: '保留你的草稿时,会在覆盖对方的草稿之前再次询问。' },
  loadTheirs: { en: 'Load their draft', zh: '载入对方的草稿' },
  loadTheirsDropping: { en: 'Load their draft (drop my changes)', zh: '载入对方的草稿(放弃我的修改)' },
  keepMine: { en: 'Keep mine', zh: '保留我的' },
  published: { en: '{name} published v{version} at {time}: contacts run on it now.', zh: '{name} 于 {time} 发布了第 {version} 版:联系人现在按此版本运行。' },
  dismiss: { en: 'OK', zh: '知道了' },
} satisfies Record<string, LocalizedText>

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole))

interface Props {
  journeyId: string
  /** The live version this page knows: another one on the server was published by someone else. */
  liveVersion: number | null
  onReloaded(record: JourneyRecord): void
  /** Another version went live (or the journey was paused or resumed): the page takes it, the draft stays as it is. */
  onLiveMoved(head: JourneyHead): void
}

/**
 * Says when the server's draft or live version moves under the person: a colleague's newer draft (load
 * theirs, or keep mine, which goes through the If-Match conflict so theirs is never replaced unseen),
 * and a version published elsewhere (taken into the page, and said).
 */
export function ColleagueChanges({ journeyId, liveVersion, onReloaded, onLiveMoved }: Props) {
  const locale = useLocale()
  const t = (text: LocalizedText, values: Record<string, string | number> = {}) => fill(localize(text, locale), values)
  const head = useServerHead((state) => state.head)
  // A publish, approval or roll-out of this page on its way: what moved on the server is its own doing, not news.
  const ownChanging = useServerHead((state) => state.ownChanges > 0)
  const ownVersions = useServerHead((state) => state.ownVersions)
  const state = useSaveState((save) => save.state)
  const newerDraft = useNewerDraftOnServer()
  const unsaved = useEditor((editor) => editor.document !== editor.savedDocument)
  const canSave = useEditor((editor) => !savesLocked(editor))
  // The newer revision the person chose to keep theirs over (the conflict path takes it from there).
  const [kept, setKept] = useState<number | undefined>()
  const [published, setPublished] = useState<JourneyHead['published']>(null)

  // Versions only go up: an answer older than this page's own publish says nothing new, nor one about a version this page published.
  const liveMoved =
    head !== undefined &&
    !ownChanging &&
    typeof head.liveVersion === 'number' &&
    (liveVersion === null || head.liveVersion > liveVersion) &&
    !ownVersions.includes(head.liveVersion)
  useEffect(() => {
    if (!liveMoved || !head) return
    setPublished(head.published)
    onLiveMoved(head)
  }, [liveMoved, head, onLiveMoved])

  // Not while our own save is on its way, or its conflict is already on screen (DraftConflict says who and offers the same two ways).
  const draftMoved = newerDraft !== undefined && state !== 'saving' && state !== 'conflict' && kept !== newerDraft.draftRevision
  if (!draftMoved && !published) return null
  return (
    <div className="notice notice--conflict" role="alert" data-testid="colleague-changes">
      {published && (
        <p>
          {t(TEXT.published, { name: t(storedActorText(published.by, { opening: true })), version: published.version, time: new Date(published.at).toLocaleString(locale) })}{' '}
          <button type="button" onClick={() => setPublished(null)}>
            {t(TEXT.dismiss)}
          </button>
        </p>
      )}
      {draftMoved && newerDraft && (
        <p>
          {t(TEXT.draftNewer, { name: t(storedActorText(newerDraft.draftSavedBy, { opening: true })), revision: newerDraft.draftRevision })}{' '}
          {unsaved ? `${t(TEXT.mineUnsaved)} ` : ''}
          {canSave ? t(TEXT.keepHint) : ''}{' '}
          <button type="button" onClick={() => void reloadTheirs(journeyId).then(onReloaded)}>
            {t(unsaved ? TEXT.loadTheirsDropping : TEXT.loadTheirs)}
          </button>{' '}
          {canSave && (
            <button
              type="button"
              onClick={() => {
                setKept(newerDraft.draftRevision)
                // Sent against the revision this page is based on: the server refuses it (412, naming who saved), and the person chooses.
                void saveNow({ resend: true })
              }}
            >
              {t(TEXT.keepMine)}
            </button>
          )}
        </p>
      )}
    </div>
  )
}
