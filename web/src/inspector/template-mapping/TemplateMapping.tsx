import {
  COUPON_VARIABLES,
  declaredAttributes,
  isTemplateCloud,
  LINK_VARIABLE,
  type LocalizedText,
  localize,
  type MessageCategory,
  mappedTemplateText,
  type ProviderTemplate,
  type RouteDelivery,
  renderTemplateMessage,
  TEMPLATE_CLOUD_LABELS,
} from '@recall/shared'
import { useState } from 'react'
import { useLocale } from '../../app/locale'
import { drawnDocument, useEditor } from '../../editor/store'
import { Field } from '../fields'
import { SAMPLE_VALUES } from '../sample-values'
import { ENGINE_LABELS, guessMapping, type MappingSource, readMapping, sourceFromKey, sourceKey, writeMapping } from './mapping-sources'

const TEXT = {
  legend: { en: '{cloud} template', zh: '{cloud}模板' },
  title: { en: 'Approved template', zh: '已审核模板' },
  hint: {
    en: '{cloud} sends only templates it approved: pick one and say where each variable takes its value.',
    zh: '{cloud}只发送已审核通过的模板:请选择模板,并为每个变量指定取值来源。',
  },
  pick: { en: '— pick a template —', zh: '— 请选择模板 —' },
  pending: { en: 'under review', zh: '审核中' },
  rejected: { en: 'rejected', zh: '未通过' },
  approvedText: { en: 'Approved text', zh: '模板内容' },
  unmapped: { en: '— not mapped —', zh: '— 未设置 —' },
  attributes: { en: 'Contact attribute', zh: '联系人属性' },
  engine: { en: 'Coupon and link', zh: '优惠券与链接' },
  fixed: { en: 'Fixed text', zh: '固定文本' },
  fallback: { en: 'fallback when empty', zh: '为空时的默认值' },
  fixedValue: { en: 'text', zh: '文本' },
  final: { en: 'Exactly what a sample contact receives', zh: '示例联系人收到的完整短信' },
} satisfies Record<string, LocalizedText>

export interface TemplateChoice {
  providerTemplate: { code: string; params: Record<string, string> } | undefined
  /** The template's text with each variable's source: the text the engine renders and counts. */
  text: string
}

export interface TemplateMappingProps {
  category: MessageCategory
  value: { code: string; params: Record<string, string> } | undefined
  route: RouteDelivery & { templates: readonly ProviderTemplate[] }
  onChange(choice: TemplateChoice): void
}

/** Picks an approved template of the routed cloud, maps its variables and shows the final text and its parts. */
export function TemplateMapping({ category, value, route, onChange }: TemplateMappingProps) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const attributes = [...declaredAttributes(useEditor((state) => drawnDocument(state)?.settings.attributes)).keys()]
  const cloud = isTemplateCloud(route.provider) ? TEMPLATE_CLOUD_LABELS[route.provider] : { en: route.provider, zh: route.provider }
  const template = route.templates.find((candidate) => candidate.code === value?.code)
  // Fixed text being typed is stored as "" (unmapped) until it has a character: remember the choice meanwhile.
  const [typingFixed, setTypingFixed] = useState<ReadonlySet<string>>(new Set())
  const sourceOf = (variable: string): MappingSource => {
    const source = readMapping(value?.params[variable])
    return source.kind === 'unmapped' && typingFixed.has(variable) ? { kind: 'text', text: '' } : source
  }

  const choose = (next: ProviderTemplate, params: Record<string, string>) => onChange({ providerTemplate: { code: next.code, params }, text: mappedTemplateText(next, params) })
  function pick(code: string) {
    const next = route.templates.find((candidate) => candidate.code === code)
    if (!next) return onChange({ providerTemplate: undefined, text: '' })
    choose(next, Object.fromEntries(next.variables.map((variable) => [variable, value?.params[variable] ?? guessMapping(variable, attributes)])))
  }
  function setSource(variable: string, source: MappingSource) {
    if (!template || !value) return
    setTypingFixed((current) => new Set([...current].filter((name) => name !== variable).concat(source.kind === 'text' ? [variable] : [])))
    choose(template, { ...value.params, [variable]: writeMapping(source) })
  }
  const rendered =
    template && value
      ? renderTemplateMessage({ template, mapping: value.params, values: SAMPLE_VALUES, category, signName: route.signName, optOut: route.optOutWording })
      : undefined

  return (
    <fieldset className="template-mapping">
      <legend>{t(TEXT.legend).replace('{cloud}', t(cloud))}</legend>
      <small className="field__hint">{t(TEXT.hint).replace('{cloud}', t(cloud))}</small>
      <Field label={TEXT.title}>
        <select value={value?.code ?? ''} onChange={(event) => pick(event.target.value)}>
          <option value="">{t(TEXT.pick)}</option>
          {route.templates.map((candidate) => (
            <option key={candidate.code} value={candidate.code} disabled={candidate.status !== 'approved'}>
              {candidate.code} · {candidate.name}
              {candidate.status === 'approved' ? '' : ` (${t(TEXT[candidate.status])})`}
            </option>
          ))}
        </select>
      </Field>
      {template && value && (
        <>
          <p className="template-mapping__text" data-testid="template-text">
            <span className="field__label">{t(TEXT.approvedText)}</span> {template.text}
          </p>
          {template.variables.map((variable) => {
            const source = sourceOf(variable)
            return (
              <div className="template-mapping__row" key={variable}>
                <span className="template-mapping__variable">{route.provider === 'tencent' ? `{${variable}}` : `\${${variable}}`}</span>
                <select aria-label={variable} value={sourceKey(source)} onChange={(event) => setSource(variable, sourceFromKey(event.target.value, source))}>
                  <option value="">{t(TEXT.unmapped)}</option>
                  <optgroup label={t(TEXT.attributes)}>
                    {attributes.map((name) => (
                      <option key={name} value={`attribute:${name}`}>
                        {name}
                      </option>
                    ))}
                  </optgroup>
                  <optgroup label={t(TEXT.engine)}>
                    {[...COUPON_VARIABLES, LINK_VARIABLE].map((name) => (
                      <option key={name} value={`engine:${name}`}>
                        {t(ENGINE_LABELS[name] as LocalizedText)}
                      </option>
                    ))}
                  </optgroup>
                  <option value="text">{t(TEXT.fixed)}</option>
                </select>
                {source.kind === 'attribute' && (
                  <input
                    aria-label={`${variable} ${t(TEXT.fallback)}`}
                    placeholder={t(TEXT.fallback)}
                    value={source.fallback}
                    onChange={(event) => setSource(variable, { ...source, fallback: event.target.value })}
                  />
                )}
                {source.kind === 'text' && (
                  <input
                    aria-label={`${variable} ${t(TEXT.fixedValue)}`}
                    placeholder={t(TEXT.fixedValue)}
                    value={source.text}
                    onChange={(event) => setSource(variable, { kind: 'text', text: event.target.value })}
                  />
                )}
              </div>
            )
          })}
        </>
      )}
      {rendered && (
        <figure className="phone">
          <figcaption>{t(TEXT.final)}</figcaption>
          <div className="phone__screen">
            <div className="phone__bubble" data-testid="template-final-text">
              {rendered.text}
            </div>
          </div>
          <div className="sms-editor__meter" data-testid="template-parts">
            <span className="sms-editor__parts">{locale === 'zh-CN' ? `${rendered.parts.parts} 条` : `${rendered.parts.parts} part${rendered.parts.parts === 1 ? '' : 's'}`}</span>
            <span>{rendered.parts.encoding}</span>
            <span>
              {rendered.parts.units} {locale === 'zh-CN' ? '字' : 'characters'}
            </span>
          </div>
        </figure>
      )}
    </fieldset>
  )
}
