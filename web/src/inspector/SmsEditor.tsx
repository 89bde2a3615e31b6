import { COUPON_VARIABLES, LINK_VARIABLE, type LocalizedText, localize, type MessageCategory, renderMessage } from '@recall/shared'
import { useRef } from 'react'
import { useLocale } from '../app/locale'
import { SAMPLE_VALUES } from './sample-values'

const TEXT = {
  message: { en: 'Message', zh: '短信内容' },
  insert: { en: 'Insert', zh: '插入变量' },
  preview: { en: 'Preview for a sample contact', zh: '示例联系人预览' },
  left: { en: 'characters left in this part', zh: '本条剩余字数' },
  multipart: {
    en: 'This message goes out as {n} parts and is billed as {n} messages.',
    zh: '此短信将拆分为 {n} 条发送,按 {n} 条计费。',
  },
  chars: { en: 'characters', zh: '字' },
} satisfies Record<string, LocalizedText>

/** Variables offered for insertion, each with a fallback so no message goes out with a hole. */
const VARIABLES: { name: string; fallback?: string }[] = [
  { name: 'name', fallback: '亲' },
  { name: 'points', fallback: '0' },
  { name: 'last_purchase', fallback: '心仪好物' },
  ...COUPON_VARIABLES.map((name) => ({ name })),
  { name: LINK_VARIABLE },
]

export interface SmsEditorProps {
  text: string
  onChange(text: string): void
  category: MessageCategory
  brand: string | undefined
  label?: LocalizedText
}

/** The SMS text with variable insertion, and a phone showing exactly what the recipient gets and what it costs. */
export function SmsEditor({ text, onChange, category, brand, label = TEXT.message }: SmsEditorProps) {
  const locale = useLocale()
  const t = (value: LocalizedText) => localize(value, locale)
  const area = useRef<HTMLTextAreaElement>(null)
  const rendered = renderMessage({ template: text, values: SAMPLE_VALUES, category, brand })
  const { parts } = rendered

  function insert(variable: { name: string; fallback?: string }) {
    const token = variable.fallback === undefined ? `{{${variable.name}}}` : `{{${variable.name}|${variable.fallback}}}`
    const element = area.current
    const start = element?.selectionStart ?? text.length
    const end = element?.selectionEnd ?? text.length
    onChange(text.slice(0, start) + token + text.slice(end))
    requestAnimationFrame(() => {
      element?.focus()
      element?.setSelectionRange(start + token.length, start + token.length)
    })
  }

  return (
    <div className="sms-editor">
      <label className="field">
        <span className="field__label">{t(label)}</span>
        <textarea ref={area} value={text} rows={5} maxLength={2000} onChange={(event) => onChange(event.target.value)} aria-label={t(label)} />
      </label>
      <fieldset className="sms-editor__variables">
        <legend>{t(TEXT.insert)}:</legend>
        {VARIABLES.map((variable) => (
          <button type="button" key={variable.name} onClick={() => insert(variable)}>
            {variable.name}
          </button>
        ))}
      </fieldset>
      <div className="sms-editor__meter" data-testid="sms-meter">
        <span className="sms-editor__parts" data-testid="sms-parts">
          {locale === 'zh-CN' ? `${parts.parts} 条` : `${parts.parts} part${parts.parts === 1 ? '' : 's'}`}
        </span>
        <span>{parts.encoding}</span>
        <span>
          {parts.units} {t(TEXT.chars)}
        </span>
        <span>
          {parts.remainingInPart} {t(TEXT.left)}
        </span>
      </div>
      {parts.parts > 1 && (
        <p className="warning" role="status">
          {t(TEXT.multipart).replaceAll('{n}', String(parts.parts))}
        </p>
      )}
      <figure className="phone">
        <figcaption>{t(TEXT.preview)}</figcaption>
        <div className="phone__screen">
          <div className="phone__bubble" data-testid="sms-preview">
            {rendered.text}
          </div>
        </div>
      </figure>
    </div>
  )
}
