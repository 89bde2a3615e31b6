import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../app/locale'
import { Field, TextInput } from './fields'

type ProviderTemplate = { code: string; params: Record<string, string> }

const TEXT = {
  title: { en: 'Template for template providers (SMS clouds)', zh: '模板短信(短信云服务商)' },
  hint: {
    en: 'The clouds send only approved templates: their code, and each parameter as "name = {{variable|fallback}}", one a line.',
    zh: '短信云只发送已审核的模板:填写模板编号,参数每行一个,格式为"参数名 = {{变量|默认值}}"。',
  },
  code: { en: 'Template code', zh: '模板编号' },
  params: { en: 'Parameters', zh: '模板参数' },
} satisfies Record<string, LocalizedText>

const asLines = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([name, value]) => `${name} = ${value}`)
    .join('\n')

function fromLines(text: string): Record<string, string> {
  const params: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const [name, ...rest] = line.split('=')
    if (name?.trim()) params[name.trim()] = rest.join('=').trim()
  }
  return params
}

/** The node's template code and parameters; empty code removes the mapping. */
export function ProviderTemplateField({ value, onChange }: { value: ProviderTemplate | undefined; onChange(value: ProviderTemplate | undefined): void }) {
  const locale = useLocale()
  return (
    <fieldset className="provider-template">
      <legend>{localize(TEXT.title, locale)}</legend>
      <small className="field__hint">{localize(TEXT.hint, locale)}</small>
      <Field label={TEXT.code}>
        <TextInput
          value={value?.code ?? ''}
          placeholder="SMS_123456789"
          maxLength={60}
          onChange={(code) => onChange(code.trim() === '' ? undefined : { code: code.trim(), params: value?.params ?? {} })}
        />
      </Field>
      {value && (
        <Field label={TEXT.params}>
          <textarea rows={3} defaultValue={asLines(value.params)} onChange={(event) => onChange({ ...value, params: fromLines(event.target.value) })} />
        </Field>
      )}
    </fieldset>
  )
}
