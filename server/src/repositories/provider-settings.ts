import type { LocalizedText, Problem } from '@recall/shared'
import { eq } from 'drizzle-orm'
import type { SecretBox } from '../access/secrets'
import type { Database } from '../db/database'
import { settings } from '../db/schema/index'
import { invalidRequest } from '../plugins/errors'
import { DEFAULT_PROVIDER_SETTINGS, PROVIDER_NAMES, type ProviderSettingsBody, SECRET_FIELDS, type StoredProviderSettings } from '../providers/settings'
import type { Executor } from '../worker/contact-view'
import { assertRoutesKeepJourneysSendable } from './route-change-checks'

const KEY = 'providers'

/** What the API answers: settings without any secret, and which secrets are set. */
export function publicView(stored: StoredProviderSettings) {
  const { sealed, ...rest } = stored
  return { ...rest, secretsSet: Object.keys(sealed).sort() }
}

/** Merges a PUT into the stored settings: what the body leaves out stays as it was. */
function merged(current: StoredProviderSettings, body: ProviderSettingsBody, box: SecretBox): StoredProviderSettings {
  const next: StoredProviderSettings = { ...current, routes: { ...current.routes, ...body.routes }, sealed: { ...current.sealed } }
  for (const provider of PROVIDER_NAMES) {
    const given = body[provider]
    if (given === undefined) continue
    const secretNames = SECRET_FIELDS[provider].map((field) => `${provider}.${field}`)
    if (given === null) {
      if (provider !== 'sandbox') delete next[provider]
      for (const name of secretNames) delete next.sealed[name]
      continue
    }
    const plain: Record<string, unknown> = { ...given }
    for (const field of SECRET_FIELDS[provider]) {
      const value = plain[field] as string | undefined
      delete plain[field]
      if (value !== undefined) next.sealed[`${provider}.${field}`] = box.seal(value)
    }
    if (provider !== 'sandbox') (next as unknown as Record<string, unknown>)[provider] = plain
  }
  return next
}

const problem = (path: string, message: LocalizedText): Problem => ({ code: 'providers.incomplete', severity: 'error', path, message })

/**
 * A provider that sends must have its settings, and one whose callbacks we accept must have the key
 * they are signed with: without it anyone could forge a receipt or an opt-in.
 */
function incomplete(next: StoredProviderSettings): Problem[] {
  const problems: Problem[] = []
  for (const [category, provider] of Object.entries(next.routes)) {
    if (provider !== 'sandbox' && !next[provider])
      problems.push(
        problem(`/body/${provider}`, {
          en: `${category} messages go through ${provider}, which needs its settings`,
          zh: `${category} 类消息使用 ${provider} 发送,需要先填写其配置`,
        }),
      )
  }
  for (const provider of ['twilio', 'cloud', 'aliyun', 'tencent'] as const) {
    if (!next[provider]) continue
    for (const field of SECRET_FIELDS[provider])
      if (!next.sealed[`${provider}.${field}`])
        problems.push(
          problem(`/body/${provider}/${field}`, {
            en: `${provider} needs "${field}": without it its callbacks could not be verified and anyone could forge a receipt or an opt-in`,
            zh: `${provider} 需要填写"${field}":否则无法校验其回调签名,任何人都可以伪造回执或订阅回复`,
          }),
        )
  }
  return problems
}

/** The stored settings, secrets still sealed: enough to know which cloud sends what and its limits. */
export async function loadProviderSettings(db: Executor): Promise<StoredProviderSettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY))
  return row ? (row.value as StoredProviderSettings) : DEFAULT_PROVIDER_SETTINGS
}

export function providerSettingsRepository(db: Database, box: SecretBox) {
  const load = () => loadProviderSettings(db)
  return {
    load,
    /**
     * Merges the body into the settings (secrets sealed); refused whole if a provider would send or
     * hear callbacks without its credentials, or a running journey could no longer send.
     */
    async save(body: ProviderSettingsBody): Promise<StoredProviderSettings> {
      const current = await load()
      const next = merged(current, body, box)
      const problems = incomplete(next)
      if (problems.length > 0) throw invalidRequest(problems)
      await assertRoutesKeepJourneysSendable(db, current, next)
      await db
        .insert(settings)
        .values({ key: KEY, value: next })
        .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: new Date() } })
      return next
    },
  }
}
