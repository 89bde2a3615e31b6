import Type, { type Static } from 'typebox'

/** The clouds that send only pre-approved templates. */
export const TEMPLATE_CLOUDS = ['aliyun', 'tencent'] as const
export type TemplateCloud = (typeof TEMPLATE_CLOUDS)[number]

export function isTemplateCloud(provider: string): provider is TemplateCloud {
  return (TEMPLATE_CLOUDS as readonly string[]).includes(provider)
}

/** What each cloud's reviewers ask marketing templates to end with; editable per account in Settings. */
export const DEFAULT_OPT_OUT_WORDING: Record<TemplateCloud, string> = { aliyun: '回T退订', tencent: '拒收请回复R' }

export const TemplateCategory = Type.Enum(['marketing', 'notification'])
export type TemplateCategory = Static<typeof TemplateCategory>
export const TemplateReview = Type.Enum(['approved', 'pending', 'rejected'])
export type TemplateReview = Static<typeof TemplateReview>

/** One template as the API imports it: the cloud's code, its approved text, its kind and review status. */
export const ProviderTemplateInput = Type.Object(
  {
    /** Aliyun's TemplateCode (SMS_123456789) or Tencent's numeric TemplateId. */
    code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9_]+$' }),
    name: Type.String({ maxLength: 100 }),
    /** The approved text, variables as the cloud writes them: ${name} on Aliyun, {1} on Tencent. */
    text: Type.String({ minLength: 1, maxLength: 1000 }),
    category: TemplateCategory,
    status: TemplateReview,
  },
  { additionalProperties: false },
)
export type ProviderTemplateInput = Static<typeof ProviderTemplateInput>

export interface ProviderTemplate extends ProviderTemplateInput {
  provider: TemplateCloud
  /** The template's variables in the order they first appear in its text. */
  variables: string[]
}

const VARIABLE_SYNTAX: Record<TemplateCloud, RegExp> = { aliyun: /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, tencent: /\{([1-9][0-9]*)\}/g }

/** The variables of a cloud template in order of first appearance: ["name", "code"] or ["1", "2"]. */
export function templateVariables(provider: TemplateCloud, text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE_SYNTAX[provider])].map((match) => match[1] as string))]
}

/** The template's text with each variable replaced by what `valueFor` gives it. */
export function fillCloudTemplate(provider: TemplateCloud, text: string, valueFor: (variable: string) => string): string {
  return text.replace(VARIABLE_SYNTAX[provider], (_whole, name: string) => valueFor(name))
}

/** A template as the registry keeps it: its variables read from its text. */
export function registryEntry(provider: TemplateCloud, input: ProviderTemplateInput): ProviderTemplate {
  return { ...input, provider, variables: templateVariables(provider, input.text) }
}

export const TEMPLATE_CLOUD_LABELS: Record<TemplateCloud, { en: string; zh: string }> = {
  aliyun: { en: 'Aliyun SMS', zh: '阿里云短信' },
  tencent: { en: 'Tencent Cloud SMS', zh: '腾讯云短信' },
}
