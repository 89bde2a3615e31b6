import { type Locale, type LocalizedText, localize, type Problem } from '@recall/shared'
import { useEffect } from 'react'
import type { PublishResult } from '../app/api'
import { useLocale } from '../app/locale'
import { TEXT } from '../app/texts'
import { checkAudienceUnlessChecked, useAudienceWarnings } from './audience-warnings'
import { saveNow } from './draft-save'
import { ProblemItems } from './ProblemItems'
import { useProblems } from './problems'
import { useEditor } from './store'

const WARNINGS_TEXT = {
  title: { en: 'Warnings ({count})', zh: '警告({count})' },
  checking: { en: 'Checking where the journey’s contacts are…', zh: '正在检查联系人所在的时区…' },
  hint: { en: 'Publishing goes ahead with them; click one to see its node.', zh: '有警告也可以发布;点击一条查看对应的节点。' },
} satisfies Record<string, LocalizedText>

const titleOf = (warnings: readonly Problem[], locale: Locale) => localize(WARNINGS_TEXT.title, locale).replace('{count}', String(warnings.length))

/**
 * The publish dialog's warnings: the draft's own and where its sends would be held in the zones of
 * the workspace's contacts, asked of the server when the dialog opens (the draft as on screen, saved
 * first) unless it already answered for that draft. Clicking one closes the dialog on its node.
 */
export function PublishWarnings({ journeyId, onShow }: { journeyId: string; onShow(nodeId: string): void }) {
  const locale = useLocale()
  const checking = useAudienceWarnings((state) => state.checking)
  const warnings = useProblems().all.filter((problem) => problem.severity === 'warning')
  useEffect(() => {
    void saveNow().then(() => checkAudienceUnlessChecked(journeyId))
  }, [journeyId])
  if (warnings.length === 0 && !checking) return null
  const title = titleOf(warnings, locale)
  return (
    <section className="publish-warnings" aria-busy={checking}>
      {warnings.length > 0 && (
        <>
          <h3>{title}</h3>
          <p className="hint">{localize(WARNINGS_TEXT.hint, locale)}</p>
          <ProblemItems problems={warnings} label={title} onShow={onShow} />
        </>
      )}
      {checking && <p className="hint">{localize(WARNINGS_TEXT.checking, locale)}</p>}
    </section>
  )
}

/** "Published v3", with the warnings the publish answered (each a way to its node). */
export function PublishedNotice({ result }: { result: PublishResult }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const warnings = result.problems.filter((problem) => problem.severity === 'warning')
  return (
    <div className="notice notice--success" role="status">
      {`${t(TEXT.published)} v${result.version}`}
      {result.contactsAtRemovedNodes > 0 ? ` · ${result.contactsAtRemovedNodes} ${t(TEXT.atRemovedNodes)}` : ''}
      {warnings.length > 0 && (
        <>
          {` · ${titleOf(warnings, locale)}`}
          <ProblemItems problems={warnings} label={titleOf(warnings, locale)} onShow={useEditor.getState().showNode} />
        </>
      )}
    </div>
  )
}
