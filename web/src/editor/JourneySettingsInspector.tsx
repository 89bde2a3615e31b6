import { type JourneyDocument, type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../app/locale'
import { EventPicker } from '../inspector/CatalogPickers'
import { Field, NumberInput, Select, TextInput } from '../inspector/fields'
import { CategoryField, withOptional } from '../inspector/message-fields'
import { SendWindowEditor } from '../inspector/SendWindowEditor'
import { useProblems } from './problems'
import { drawnDocument, useEditor, versionDrawn } from './store'

type Settings = JourneyDocument['settings']

const REENTRY = [
  { value: 'never', label: { en: 'Once per contact', zh: '每人仅一次' } },
  { value: 'after_exit', label: { en: 'Again after they exit', zh: '退出后可再次进入' } },
  { value: 'after_days', label: { en: 'Again N days after entering', zh: '进入 N 天后可再次进入' } },
] as const

const ON_CAP = [
  { value: 'skip', label: { en: 'Skip the message, go on', zh: '跳过该消息继续' } },
  { value: 'hold', label: { en: 'Hold until the cap allows', zh: '等待至频次允许' } },
  { value: 'exit', label: { en: 'Exit the journey', zh: '退出旅程' } },
] as const

/** Shown when no node is selected: the journey's name, brand, entry rules, goal and caps. */
export function JourneySettingsInspector() {
  const locale = useLocale()
  const journey = useEditor(drawnDocument)
  const draftProblems = useProblems().all
  // A published version drawn (the Live view's, or one opened) shows its settings: the draft's problems are not about them.
  const problems = useEditor(versionDrawn) === undefined ? draftProblems : []
  if (!journey) return null
  const problemAt = (path: string) => problems.find((problem) => problem.path === path)?.message
  const edit = (next: Partial<JourneyDocument>, field?: string) => {
    const { document, edit: apply } = useEditor.getState()
    if (document) apply({ ...document, ...next }, field)
  }
  const settings = journey.settings
  const setSettings = (next: Settings, field?: string) => edit({ settings: next }, field && `settings:${field}`)
  return (
    <div className="inspector__body">
      <h2>{localize({ en: 'Journey settings', zh: '旅程设置' } satisfies LocalizedText, locale)}</h2>
      <Field label={{ en: 'Name', zh: '名称' }} error={problemAt('/name')}>
        <TextInput value={journey.name} maxLength={120} onChange={(name) => edit({ name }, 'name')} />
      </Field>
      <Field label={{ en: 'Description', zh: '描述' }}>
        <textarea value={journey.description} maxLength={2000} rows={2} onChange={(event) => edit({ description: event.target.value }, 'description')} />
      </Field>
      <Field
        label={{ en: 'Brand signature 【…】', zh: '品牌签名【…】' }}
        hint={{ en: 'Put in front of every message; required for Chinese SMS', zh: '加在每条短信开头;国内短信必须带签名' }}
      >
        <TextInput
          value={settings.brand ?? ''}
          maxLength={20}
          onChange={(brand) => setSettings(withOptional(settings, 'brand', brand.trim() === '' ? undefined : brand), 'brand')}
        />
      </Field>
      <CategoryField value={settings.category} onChange={(category) => setSettings({ ...settings, category })} />
      <Field label={{ en: 'Entry', zh: '进入规则' }}>
        <Select
          value={settings.entry.reentry}
          options={REENTRY}
          onChange={(reentry) => setSettings({ ...settings, entry: reentry === 'after_days' ? { reentry, reentryDays: settings.entry.reentryDays ?? 30 } : { reentry } })}
        />
      </Field>
      {settings.entry.reentry === 'after_days' && (
        <Field label={{ en: 'Days', zh: '天数' }}>
          <NumberInput
            value={settings.entry.reentryDays ?? 30}
            min={1}
            max={3650}
            onChange={(reentryDays) => setSettings({ ...settings, entry: { reentry: 'after_days', reentryDays } })}
          />
        </Field>
      )}
      <Field label={{ en: 'Goal event (exits and counts a conversion)', zh: '目标事件(达成即退出并计为转化)' }}>
        <EventPicker
          value={settings.goal?.event ?? ''}
          placeholder="order_placed"
          onChange={(event) => setSettings(withOptional(settings, 'goal', event.trim() === '' ? undefined : { event: event.trim() }), 'goal')}
        />
      </Field>
      <Field label={{ en: 'When a frequency cap is reached', zh: '达到频次上限时' }}>
        <Select value={settings.onCapReached} options={ON_CAP} onChange={(onCapReached) => setSettings({ ...settings, onCapReached })} />
      </Field>
      <SendWindowEditor value={settings.sendWindow} onChange={(sendWindow) => setSettings(withOptional(settings, 'sendWindow', sendWindow))} />
    </div>
  )
}
