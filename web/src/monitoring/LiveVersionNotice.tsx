import { diffJourneys, type LocalizedText, localize } from '@recall/shared'
import { fill, useLocale } from '../app/locale'
import { useEditor } from '../editor/store'

const TEXT = {
  loading: { en: 'Live view: loading the live version…', zh: '实时监控:正在载入线上版本…' },
  shown: {
    en: 'Live view: showing v{version}, the version contacts are in; the counts are of it.',
    zh: '实时监控:显示的是第 {version} 版,即联系人正在运行的版本;计数均来自此版本。',
  },
  same: { en: 'The draft is the same as v{version}.', zh: '草稿与第 {version} 版相同。' },
  differs: {
    en: 'The draft differs from it ({changes}); close the Live view to see and edit the draft.',
    zh: '草稿与此版本不同({changes});关闭实时监控即可查看和编辑草稿。',
  },
  added: { en: '{count} {nodes} added', zh: '新增 {count} 个节点' },
  removed: { en: '{count} {nodes} removed', zh: '删除 {count} 个节点' },
  changed: { en: '{count} {nodes} changed', zh: '修改 {count} 个节点' },
  settings: { en: 'settings changed', zh: '设置已修改' },
  failed: {
    en: 'Live view: the live version v{version} could not be loaded ({reason}); the canvas shows the draft, without counts.',
    zh: '实时监控:无法载入线上版本第 {version} 版({reason});画布显示的是草稿,不含计数。',
  },
} satisfies Record<string, LocalizedText>

/** Which version the Live view draws (the one whose counts are shown), and whether and how the draft differs from it. */
export function LiveVersionNotice({ liveVersion, failure }: { liveVersion: number; failure: string | undefined }) {
  const locale = useLocale()
  const t = (text: LocalizedText, values: Record<string, string | number> = {}) => fill(localize(text, locale), values)
  const shown = useEditor((state) => state.liveShown)
  const draft = useEditor((state) => state.document)
  if (failure)
    return (
      <p className="error" role="alert">
        {t(TEXT.failed, { version: liveVersion, reason: failure })}
      </p>
    )
  if (!shown || !draft)
    return (
      <p className="notice" role="status">
        {t(TEXT.loading)}
      </p>
    )
  const diff = diffJourneys(shown.document, draft)
  const counted = (text: LocalizedText, ids: string[]) => (ids.length > 0 ? [t(text, { count: ids.length, nodes: ids.length === 1 ? 'node' : 'nodes' })] : [])
  const changes = [
    ...counted(TEXT.added, diff.added),
    ...counted(TEXT.removed, diff.removed),
    ...counted(TEXT.changed, diff.changed),
    ...(diff.settingsChanged || draft.name !== shown.document.name ? [t(TEXT.settings)] : []),
  ]
  return (
    <p className="notice notice--live" role="status" data-testid="live-version">
      {t(TEXT.shown, { version: shown.version })}{' '}
      {changes.length === 0 ? t(TEXT.same, { version: shown.version }) : t(TEXT.differs, { changes: changes.join(locale === 'zh-CN' ? '、' : ', ') })}
    </p>
  )
}
