import { diffJourneys, type JourneyDocument, type Locale, type LocalizedText, localize } from '@recall/shared'
import { useLocaleStore } from '../app/locale'
import { TEXT } from '../app/texts'
import type { SaveState } from './save-state'
import { afterSaves } from './saved-draft'
import { type ShownVersion, useEditor } from './store'

/** The words for each change an edit not saved yet makes to the saved draft. */
const CHANGE: Record<'changed' | 'added' | 'removed', LocalizedText> = {
  changed: { en: 'changed "{id}"', zh: '修改了"{id}"' },
  added: { en: 'added "{id}"', zh: '新增了"{id}"' },
  removed: { en: 'removed "{id}"', zh: '删除了"{id}"' },
}
const SETTINGS: LocalizedText = { en: 'the journey name or settings', zh: '旅程名称或设置' }
/** An edit that moved nodes or changed notes only: no node's kind, data or connections. */
const LAYOUT: LocalizedText = { en: 'the layout or notes', zh: '布局或便签' }

const ASK: LocalizedText = {
  en: 'Restoring v{version} replaces the draft, and with it your changes not saved yet: {changes}. They are saved first as a draft revision, and Undo (Ctrl/⌘+Z) brings them back. Restore v{version}?',
  zh: '恢复第 {version} 版会替换草稿,包括你尚未保存的修改:{changes}。这些修改会先保存为一个草稿修订版本,撤销(Ctrl/⌘+Z)可找回。要恢复第 {version} 版吗?',
}
const NOT_RESTORED: LocalizedText = {
  en: 'Not restored: your changes could not be saved first, and restoring would replace them ({why})',
  zh: '未恢复:你的修改未能先保存,恢复会覆盖它们({why})',
}

/** Why the draft is not saved, when the server gave no words of its own. */
const NOT_SAVED_BECAUSE: Partial<Record<SaveState, LocalizedText>> = { conflict: TEXT.saveConflict, 'signed-out': TEXT.savePending, failed: TEXT.saveFailed }

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole))

/** What an edit not saved yet changes in the saved draft, in words: `changed "cart-reminder", the journey name or settings`. */
export function unsavedChanges(saved: JourneyDocument, edited: JourneyDocument, locale: Locale): string {
  const diff = diffJourneys(saved, edited)
  const said = (['changed', 'added', 'removed'] as const).flatMap((kind) => diff[kind].map((id) => fill(localize(CHANGE[kind], locale), { id })))
  if (diff.settingsChanged || saved.name !== edited.name || saved.description !== edited.description) said.push(localize(SETTINGS, locale))
  return said.length > 0 ? said.join(locale === 'zh-CN' ? '、' : ', ') : localize(LAYOUT, locale)
}

/**
 * Makes the version shown the draft again, as one edit on top of the draft (Undo takes it back). An
 * edit of the draft not saved yet is named and asked about first, then saved as a draft revision before
 * it is replaced, so Undo brings back what the server has; when it cannot be saved, nothing is replaced.
 */
export async function restoreVersion(journeyId: string, shown: ShownVersion): Promise<void> {
  const { locale } = useLocaleStore.getState()
  const { document, savedDocument } = useEditor.getState()
  if (document && savedDocument && document !== savedDocument) {
    const question = fill(localize(ASK, locale), { version: shown.version, changes: unsavedChanges(savedDocument, document, locale) })
    if (!window.confirm(question)) return
  }
  const saved = await afterSaves()
  if (!saved) return
  if (!saved.onServer) {
    const why = saved.error ? { en: saved.error, zh: saved.error } : (NOT_SAVED_BECAUSE[saved.state] ?? TEXT.unsaved)
    useEditor.getState().setNotice({ en: fill(NOT_RESTORED.en, { why: why.en }), zh: fill(NOT_RESTORED.zh, { why: why.zh }) })
    return
  }
  const editor = useEditor.getState()
  editor.showVersion(undefined)
  editor.edit({ ...shown.document, id: journeyId })
}
