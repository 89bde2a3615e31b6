import {
  DEFAULT_OPT_OUT_WORDING,
  type LocalizedText,
  type Problem,
  type ProviderTemplate,
  type ProviderTemplateInput,
  registryEntry,
  TEMPLATE_CLOUDS,
  type TemplateCloud,
} from '@recall/shared'
import { asc, eq, sql } from 'drizzle-orm'
import Type, { type Static } from 'typebox'
import type { Database } from '../db/database'
import { providerTemplates, settings } from '../db/schema/index'
import { invalidRequest } from '../plugins/errors'
import type { Executor } from '../worker/contact-view'

const OPT_OUT_KEY = 'optOutWording'

/** Each cloud's opt-out wording as Settings edits it; a cloud left out keeps its wording. */
export const OptOutWordingBody = Type.Object(
  { aliyun: Type.Optional(Type.String({ minLength: 2, maxLength: 20 })), tencent: Type.Optional(Type.String({ minLength: 2, maxLength: 20 })) },
  { additionalProperties: false },
)
export type OptOutWordingBody = Static<typeof OptOutWordingBody>

/** A "${" that does not open a variable the cloud would fill, e.g. "${1}" or "${name". */
const MALFORMED_ALIYUN_VARIABLE = /\$\{(?![A-Za-z_][A-Za-z0-9_]*\})/
/** The row being inserted, in an upsert's update. */
const excluded = (column: string) => sql.raw(`excluded.${column}`)

const problem = (path: string, message: LocalizedText): Problem => ({ code: 'templates.invalid', severity: 'error', path, message })

/** What the schema cannot say about a list of templates: one entry per code, each cloud's code and variable syntax. */
export function templateListProblems(provider: TemplateCloud, inputs: readonly ProviderTemplateInput[]): Problem[] {
  const problems: Problem[] = []
  const seen = new Set<string>()
  inputs.forEach((input, index) => {
    const at = `/body/${index}`
    if (seen.has(input.code)) problems.push(problem(`${at}/code`, { en: `Template ${input.code} is listed twice`, zh: `模板 ${input.code} 重复出现` }))
    seen.add(input.code)
    if (provider === 'tencent' && !/^[0-9]+$/.test(input.code))
      problems.push(problem(`${at}/code`, { en: `Tencent template ids are numbers, not "${input.code}"`, zh: `腾讯云模板 ID 为数字,"${input.code}" 不是` }))
    const { variables } = registryEntry(provider, input)
    if (provider === 'aliyun' && MALFORMED_ALIYUN_VARIABLE.test(input.text))
      problems.push(problem(`${at}/text`, { en: 'Aliyun variables are written ${name}: letters, digits and _', zh: '阿里云模板变量写法为 ${name}:字母、数字和下划线' }))
    const numbered = variables.map(Number).sort((left, right) => left - right)
    if (provider === 'tencent' && numbered.some((number, position) => number !== position + 1))
      problems.push(
        problem(`${at}/text`, {
          en: `Tencent variables are numbered {1}, {2}… without gaps, not ${variables.map((name) => `{${name}}`).join(' ')}`,
          zh: `腾讯云模板变量须按 {1}、{2}… 连续编号`,
        }),
      )
  })
  return problems
}

export const toTemplate = (row: typeof providerTemplates.$inferSelect): ProviderTemplate => ({
  provider: row.provider as TemplateCloud,
  code: row.code,
  name: row.name,
  text: row.text,
  variables: row.variables,
  category: row.category,
  status: row.status,
})

/** The template clouds' opt-out wordings: each cloud's default unless Settings changed it. */
export async function optOutWording(db: Executor): Promise<Record<TemplateCloud, string>> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, OPT_OUT_KEY))
  return { ...DEFAULT_OPT_OUT_WORDING, ...(row?.value as Partial<Record<TemplateCloud, string>> | undefined) }
}

/** Each cloud account's approved, pending and rejected templates. */
export function providerTemplatesRepository(db: Database) {
  async function list(provider?: TemplateCloud): Promise<ProviderTemplate[]> {
    const rows = await db
      .select()
      .from(providerTemplates)
      .where(provider ? eq(providerTemplates.provider, provider) : undefined)
      .orderBy(asc(providerTemplates.provider), asc(providerTemplates.code))
    return rows.map(toTemplate)
  }

  /** Writes the list in one transaction after checking all of it: a refused list changes nothing. */
  async function write(provider: TemplateCloud, inputs: readonly ProviderTemplateInput[], replace: boolean): Promise<ProviderTemplate[]> {
    const problems = templateListProblems(provider, inputs)
    if (problems.length > 0) throw invalidRequest(problems)
    const rows = inputs.map((input) => ({ ...registryEntry(provider, input), updatedAt: new Date() }))
    await db.transaction(async (tx) => {
      if (replace) await tx.delete(providerTemplates).where(eq(providerTemplates.provider, provider))
      for (let start = 0; start < rows.length; start += 500) {
        const chunk = rows.slice(start, start + 500)
        await tx
          .insert(providerTemplates)
          .values(chunk)
          .onConflictDoUpdate({
            target: [providerTemplates.provider, providerTemplates.code],
            set: {
              name: excluded('name'),
              text: excluded('text'),
              variables: excluded('variables'),
              category: excluded('category'),
              status: excluded('status'),
              updatedAt: new Date(),
            },
          })
      }
    })
    return list(provider)
  }

  return {
    list,
    /** Adds or updates the given templates; others stay. */
    importAll: (provider: TemplateCloud, inputs: readonly ProviderTemplateInput[]) => write(provider, inputs, false),
    /** The cloud's own list replaces the registry: templates deleted in the console disappear. */
    replaceAll: (provider: TemplateCloud, inputs: readonly ProviderTemplateInput[]) => write(provider, inputs, true),
    optOutWording: () => optOutWording(db),
    async saveOptOutWording(body: OptOutWordingBody): Promise<Record<TemplateCloud, string>> {
      const next = { ...(await optOutWording(db)), ...body }
      const stored = Object.fromEntries(TEMPLATE_CLOUDS.filter((cloud) => next[cloud] !== DEFAULT_OPT_OUT_WORDING[cloud]).map((cloud) => [cloud, next[cloud].trim()]))
      await db
        .insert(settings)
        .values({ key: OPT_OUT_KEY, value: stored })
        .onConflictDoUpdate({ target: settings.key, set: { value: stored, updatedAt: new Date() } })
      return optOutWording(db)
    },
  }
}
