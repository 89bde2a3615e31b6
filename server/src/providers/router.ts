import type { MessageCategory } from '@recall/shared'
import type { SecretBox } from '../access/secrets'
import type { Database } from '../db/database'
import { providerSettingsRepository } from '../repositories/provider-settings'
import { aliyunProvider, aliyunWebhooks } from './aliyun'
import { cloudProvider, cloudWebhooks } from './cloud'
import { DEFAULT_SANDBOX, sandboxProvider, sandboxWebhooks } from './sandbox'
import type { ProviderName, StoredProviderSettings } from './settings'
import { tencentProvider, tencentWebhooks } from './tencent'
import { twilioProvider, twilioWebhooks } from './twilio'
import type { ProviderWebhooks, SmsProvider } from './types'

/** Settings are read again after this long, so a change in the settings page applies within seconds. */
const SETTINGS_TTL_MS = 5_000

export interface Providers {
  forCategory(category: MessageCategory): SmsProvider
  webhooks(name: ProviderName): ProviderWebhooks | undefined
}

export function providersFrom(stored: StoredProviderSettings, box: SecretBox): Providers {
  const secret = (name: string) => (stored.sealed[name] ? box.open(stored.sealed[name]) : undefined)
  const twilio = stored.twilio && { ...stored.twilio, authToken: secret('twilio.authToken') ?? '' }
  const cloud = stored.cloud && { ...stored.cloud, accessKeySecret: secret('cloud.accessKeySecret') ?? '', callbackSecret: secret('cloud.callbackSecret') ?? '' }
  const aliyun = stored.aliyun && { ...stored.aliyun, accessKeySecret: secret('aliyun.accessKeySecret') ?? '', callbackToken: secret('aliyun.callbackToken') ?? '' }
  const tencent = stored.tencent && { ...stored.tencent, secretKey: secret('tencent.secretKey') ?? '', callbackToken: secret('tencent.callbackToken') ?? '' }
  const senders: Record<ProviderName, SmsProvider | undefined> = {
    sandbox: sandboxProvider(DEFAULT_SANDBOX),
    twilio: twilio && twilioProvider(twilio),
    cloud: cloud && cloudProvider(cloud),
    aliyun: aliyun && aliyunProvider(aliyun),
    tencent: tencent && tencentProvider(tencent),
  }
  return {
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
