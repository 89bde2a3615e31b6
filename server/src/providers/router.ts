import { MESSAGE_CATEGORIES, type MessageCategory } from '@recall/shared'
import type { SecretBox } from '../access/secrets'
import type { Database } from '../db/database'
import { providerSettingsRepository } from '../repositories/provider-settings'
import { type AliyunAccount, aliyunProvider, aliyunWebhooks } from './aliyun'
import { cloudProvider, cloudWebhooks } from './cloud'
import { DEFAULT_SANDBOX, sandboxProvider, sandboxWebhooks } from './sandbox'
import type { ProviderName, StoredProviderSettings } from './settings'
import { type TencentAccount, tencentProvider, tencentWebhooks } from './tencent'
import { twilioProvider, twilioWebhooks } from './twilio'
import type { ProviderWebhooks, SmsProvider } from './types'

/** Settings are read again after this long, so a change in the settings page applies within seconds. */
const SETTINGS_TTL_MS = 5_000

export interface Providers {
  forCategory(category: MessageCategory): SmsProvider
  /** The provider by name, when it is configured. */
  named(name: ProviderName): SmsProvider | undefined
  /** The categories routed to the provider. */
  categoriesOf(name: ProviderName): MessageCategory[]
  webhooks(name: ProviderName): ProviderWebhooks | undefined
  /** The template clouds' accounts with their secrets, for calls beyond sending (template lists). */
  accounts: { aliyun?: AliyunAccount | undefined; tencent?: TencentAccount | undefined }
}

export function providersFrom(stored: StoredProviderSettings, box: SecretBox): Providers {
  const secret = (name: string) => (stored.sealed[name] ? box.open(stored.sealed[name]) : undefined)
  // A provider without its keys neither sends nor hears callbacks: an empty key would verify forgeries.
  const authToken = secret('twilio.authToken')
  const twilio = stored.twilio && authToken ? { ...stored.twilio, authToken } : undefined
  const accessKeySecret = secret('cloud.accessKeySecret')
  const callbackSecret = secret('cloud.callbackSecret')
  const cloud = stored.cloud && accessKeySecret && callbackSecret ? { ...stored.cloud, accessKeySecret, callbackSecret } : undefined
  const aliyunSecret = secret('aliyun.accessKeySecret')
  const aliyunToken = secret('aliyun.callbackToken')
  const aliyun = stored.aliyun && aliyunSecret && aliyunToken ? { ...stored.aliyun, accessKeySecret: aliyunSecret, callbackToken: aliyunToken } : undefined
  const tencentKey = secret('tencent.secretKey')
  const tencentToken = secret('tencent.callbackToken')
  const tencent = stored.tencent && tencentKey && tencentToken ? { ...stored.tencent, secretKey: tencentKey, callbackToken: tencentToken } : undefined
  const senders: Record<ProviderName, SmsProvider | undefined> = {
    sandbox: sandboxProvider(DEFAULT_SANDBOX),
    twilio: twilio && twilioProvider(twilio),
    cloud: cloud && cloudProvider(cloud),
    aliyun: aliyun && aliyunProvider(aliyun),
    tencent: tencent && tencentProvider(tencent),
  }
  return {
    accounts: { aliyun, tencent },
    named: (name) => senders[name],
    categoriesOf: (name) => MESSAGE_CATEGORIES.filter((category) => stored.routes[category] === name),
    forCategory(category) {
      const name = stored.routes[category]
      const sender = senders[name]
      if (!sender) throw new Error(`provider ${name} is not configured`)
      return sender
    },
    webhooks(name) {
      if (name === 'sandbox') return sandboxWebhooks(secret('sandbox.webhookSecret'))
      if (name === 'twilio') return twilio && twilioWebhooks(twilio)
      if (name === 'aliyun') return aliyun && aliyunWebhooks(aliyun)
      if (name === 'tencent') return tencent && tencentWebhooks(tencent)
      return cloud && cloudWebhooks(cloud)
    },
  }
}

export interface ProviderRouter {
  (): Promise<Providers>
  /** Forget the cached settings: they were just changed in this process. */
  invalidate(): void
}

/** The workspace's providers as its settings say, re-read every few seconds. */
export function providerRouter(db: Database, box: SecretBox): ProviderRouter {
  const repository = providerSettingsRepository(db, box)
  let cached: { at: number; providers: Promise<Providers> } | undefined
  const current = () => {
    if (!cached || Date.now() - cached.at > SETTINGS_TTL_MS) cached = { at: Date.now(), providers: repository.load().then((stored) => providersFrom(stored, box)) }
    return cached.providers
  }
  return Object.assign(current, {
    invalidate() {
      cached = undefined
    },
  })
}
