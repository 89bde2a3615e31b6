import { type LocalizedText, localize, type ProviderTemplate, TEMPLATE_CLOUD_LABELS, type TemplateCloud } from '@recall/shared'
import { type ChangeEvent, useState } from 'react'
import { api, failureWithProblems } from '../../../app/api'
import { useDelivery } from '../../../app/delivery'
import { useLocale } from '../../../app/locale'

const TEXT = {
  optOut: { en: 'Opt-out wording marketing templates carry', zh: '营销模板须包含的退订提示' },
  saveWording: { en: 'Save wording', zh: '保存退订提示' },
  sync: { en: 'Sync from the cloud', zh: '从云端同步' },
  import: { en: 'Import a JSON list', zh: '导入 JSON 列表' },
  synced: { en: '{n} templates, as the cloud lists them', zh: '已同步,共 {n} 个模板' },
  imported: { en: 'Imported; {n} templates now', zh: '已导入,现有 {n} 个模板' },
  wordingSaved: { en: 'Wording saved', zh: '退订提示已保存' },
  notJson: { en: 'The file is not a JSON list of templates', zh: '文件不是模板的 JSON 列表' },
  none: { en: 'No templates yet: sync them from the cloud or import a list.', zh: '暂无模板:请从云端同步或导入列表。' },
  code: { en: 'Code', zh: '模板编号' },
  name: { en: 'Name', zh: '名称' },
  text: { en: 'Approved text', zh: '模板内容' },
  category: { en: 'Kind', zh: '类型' },
  status: { en: 'Review', zh: '审核状态' },
  marketing: { en: 'Marketing', zh: '营销' },
  notification: { en: 'Notification', zh: '通知' },
  approved: { en: 'Approved', zh: '已通过' },
  pending: { en: 'Under review', zh: '审核中' },
  rejected: { en: 'Rejected', zh: '未通过' },
} satisfies Record<string, LocalizedText>

export interface CloudTemplatesProps {
  cloud: TemplateCloud
  templates: readonly ProviderTemplate[]
  wording: string
  /** Called with what the server answered after an import, a sync or a wording change. */
  onChanged(change: { templates?: ProviderTemplate[]; optOutWording?: Record<TemplateCloud, string> }): void
}

/** One cloud's templates with Sync, Import and its opt-out wording. */
export function CloudTemplates({ cloud, templates, wording, onChanged }: CloudTemplatesProps) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [draftWording, setDraftWording] = useState(wording)
  const [message, setMessage] = useState<{ kind: 'error' | 'notice'; text: string } | undefined>()
  const [busy, setBusy] = useState(false)

  async function run(
    call: () => Promise<{ templates?: ProviderTemplate[]; optOutWording?: Record<TemplateCloud, string> }>,
    done: (answer: { templates?: ProviderTemplate[] }) => string,
  ) {
    setBusy(true)
    try {
      const answer = await call()
      onChanged(answer)
      useDelivery.getState().reload()
      setMessage({ kind: 'notice', text: done(answer) })
    } catch (cause) {
      setMessage({ kind: 'error', text: failureWithProblems(cause) })
    } finally {
      setBusy(false)
    }
  }
  const count = (text: LocalizedText) => (answer: { templates?: ProviderTemplate[] }) => t(text).replace('{n}', String(answer.templates?.length ?? 0))

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    let list: unknown
    try {
      list = JSON.parse(await file.text())
    } catch {
      return setMessage({ kind: 'error', text: t(TEXT.notJson) })
    }
    await run(() => api('POST', `/provider-templates/${cloud}/import`, list), count(TEXT.imported))
  }

  return (
    <fieldset className="provider cloud-templates">
      <legend>{t(TEMPLATE_CLOUD_LABELS[cloud])}</legend>
      <label className="field">
        <span className="field__label">{t(TEXT.optOut)}</span>
        <input value={draftWording} maxLength={20} onChange={(event) => setDraftWording(event.target.value)} />
      </label>
      <div className="cloud-templates__actions">
        <button
          type="button"
          disabled={busy || draftWording === wording}
          onClick={() =>
            void run(
              () => api('PUT', '/provider-templates/opt-out-wording', { [cloud]: draftWording }),
              () => t(TEXT.wordingSaved),
            )
          }
        >
          {t(TEXT.saveWording)}
        </button>
        <button type="button" disabled={busy} onClick={() => void run(() => api('POST', `/provider-templates/${cloud}/sync`), count(TEXT.synced))}>
          {t(TEXT.sync)}
        </button>
        <label className="button">
          {t(TEXT.import)}
          <input type="file" accept=".json,application/json" hidden disabled={busy} onChange={(event) => void importFile(event)} />
        </label>
      </div>
      {message && (
        <p className={message.kind === 'error' ? 'error' : 'notice'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {templates.length === 0 ? (
        <p className="hint">{t(TEXT.none)}</p>
      ) : (
        <table className="cloud-templates__table">
          <thead>
            <tr>
              {[TEXT.code, TEXT.name, TEXT.text, TEXT.category, TEXT.status].map((heading) => (
                <th key={heading.en}>{t(heading)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {templates.map((template) => (
              <tr key={template.code} className={`cloud-templates__${template.status}`}>
                <td>{template.code}</td>
                <td>{template.name}</td>
                <td>{template.text}</td>
                <td>{t(TEXT[template.category])}</td>
                <td>{t(TEXT[template.status])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  )
}
