import { eq } from 'drizzle-orm'
import type { SecretBox } from '../access/secrets'
import type { Database } from '../db/database'
import { settings } from '../db/schema/index'
import { ApiError } from '../plugins/errors'
import { DEFAULT_PROVIDER_SETTINGS, type ProviderName, type ProviderSettingsBody, SECRET_FIELDS, type StoredProviderSettings } from '../providers/settings'

const KEY = 'providers'

/** What the API answers: settings without any secret, and which secrets are set. */
export function publicView(stored: StoredProviderSettings) {
  const { sealed, ...rest } = stored
  return { ...rest, secretsSet: Object.keys(sealed).sort() }
}

export function providerSettingsRepository(db: Database, box: SecretBox) {
  async function load(): Promise<StoredProviderSettings> {
    const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY))
    return row ? (row.value as StoredProviderSettings) : DEFAULT_PROVIDER_SETTINGS
  }
  return {
    load,
    /** Replaces the settings; secrets left out are kept, given ones are sealed. Refused whole if a route lacks credentials. */
    async save(body: ProviderSettingsBody): Promise<StoredProviderSettings> {
      const current = await load()
      const sealed: Record<string, string> = {}
      const next: StoredProviderSettings = { routes: body.routes, sealed }
      for (const provider of Object.keys(SECRET_FIELDS) as ProviderName[]) {
        const given = body[provider] as Record<string, string | undefined> | undefined
        if (!given) continue
        const { ...plain } = given
        for (const field of SECRET_FIELDS[provider]) {
          const name = `${provider}.${field}`
          const value = plain[field]
          delete plain[field]
          if (value !== undefined) sealed[name] = box.seal(value)
          else if (current.sealed[name]) sealed[name] = current.sealed[name]
        }
        if (provider !== 'sandbox') (next as unknown as Record<string, unknown>)[provider] = plain
      }
      for (const [category, provider] of Object.entries(body.routes)) {
        if (provider === 'sandbox') continue
        const missing = !next[provider] ? provider : SECRET_FIELDS[provider].find((field) => !sealed[`${provider}.${field}`])
        if (missing)
          throw new ApiError(400, 'invalid_request', { en: 'The request is not valid', zh: '请求内容无效' }, [
            {
              code: 'providers.incomplete',
              severity: 'error',
              path: missing === provider ? `/body/${provider}` : `/body/${provider}/${missing}`,
              message: {
                en: `${category} messages go through ${provider}, which needs ${missing === provider ? 'its settings' : `"${missing}"`}`,
                zh: `${category} 类消息使用 ${provider} 发送,需要先填写${missing === provider ? '其配置' : `"${missing}"`}`,
              },
            },
          ])
      }
      await db
        .insert(settings)
        .values({ key: KEY, value: next })
        .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: new Date() } })
      return next
    },
  }
}
