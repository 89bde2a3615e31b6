import type { MessageCategory } from '../schema/common'
import { renderMessage, type TemplateValues } from '../text/template'
import { fillCloudTemplate, type ProviderTemplate } from './registry'

/** Each template variable's source, as a Recall template: "{{name|亲}}", "{{coupon.code}}", "{{link}}". */
export type TemplateMapping = Readonly<Record<string, string>>

/**
 * The node's message text for a cloud template: the approved text with each variable replaced by
 * its mapped source. The engine renders this text like any other, so what it records, counts and
 * bills is what the cloud sends from the template and its filled parameters.
 */
export function mappedTemplateText(template: ProviderTemplate, mapping: TemplateMapping): string {
  return fillCloudTemplate(template.provider, template.text, (variable) => mapping[variable] ?? '')
}

export interface FinalTextInput {
  template: ProviderTemplate
  mapping: TemplateMapping
  values: TemplateValues
  category: MessageCategory
  signName: string | undefined
  optOut: string | undefined
}

/** What a contact receives through the cloud: 【sign】, then the template with its values filled. */
export function renderTemplateMessage(input: FinalTextInput) {
  return renderMessage({
    template: mappedTemplateText(input.template, input.mapping),
    values: input.values,
    category: input.category,
    brand: input.signName,
    optOut: input.optOut,
  })
}
