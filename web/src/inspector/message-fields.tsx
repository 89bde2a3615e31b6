import type { LocalizedText, MessageCategory } from '@recall/shared'
import { drawnDocument, useEditor } from '../editor/store'
import { Field, Select, TextInput } from './fields'

const CATEGORIES: { value: MessageCategory; label: LocalizedText }[] = [
  { value: 'recall', label: { en: 'Recall (capped, opt-out line)', zh: '召回(受频次限制,带退订提示)' } },
  { value: 'marketing', label: { en: 'Marketing (capped, opt-out line)', zh: '营销(受频次限制,带退订提示)' } },
  { value: 'transactional', label: { en: 'Transactional (not capped)', zh: '通知(不受频次限制)' } },
]

export function CategoryField({ value, onChange }: { value: MessageCategory; onChange(value: MessageCategory): void }) {
  return (
    <Field label={{ en: 'Category', zh: '消息类别' }}>
      <Select value={value} options={CATEGORIES} onChange={onChange} />
    </Field>
  )
}

/** The target of {{link}}; empty removes it. */
export function LinkField({ value, onChange }: { value: string | undefined; onChange(value: string | undefined): void }) {
  return (
    <Field
      label={{ en: 'Link target of {{link}}', zh: '{{link}} 跳转地址' }}
      hint={{ en: 'Each message gets its own short link that counts clicks', zh: '每条消息生成独立短链接并统计点击' }}
    >
      <TextInput value={value ?? ''} placeholder="https://" maxLength={500} onChange={(url) => onChange(url.trim() === '' ? undefined : url.trim())} />
    </Field>
  )
}

export function useJourneyBrand(): string | undefined {
  return useEditor((state) => drawnDocument(state)?.settings.brand)
}

/** Sets or clears an optional key without leaving `key: undefined` behind (the schema rejects it). */
export function withOptional<T extends object, K extends keyof T>(value: T, key: K, next: T[K] | undefined): T {
  const { [key]: _dropped, ...rest } = value
  return (next === undefined ? rest : { ...rest, [key]: next }) as T
}
