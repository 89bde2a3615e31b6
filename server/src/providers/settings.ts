import type { MessageCategory } from '@recall/shared'
import Type, { type Static } from 'typebox'

export const PROVIDER_NAMES = ['sandbox', 'twilio', 'cloud', 'aliyun', 'tencent'] as const
export type ProviderName = (typeof PROVIDER_NAMES)[number]

/** Which credentials are secret: sealed at rest, accepted on PUT, never answered. */
export const SECRET_FIELDS = {
  twilio: ['authToken'],
  cloud: ['accessKeySecret', 'callbackSecret'],
  sandbox: ['webhookSecret'],
  aliyun: ['accessKeySecret', 'callbackToken'],
  tencent: ['secretKey', 'callbackToken'],
} as const

const Name = Type.Enum([...PROVIDER_NAMES])
const Url = Type.String({ format: 'uri', maxLength: 300 })
const KeyId = Type.String({ minLength: 1, maxLength: 100 })
const SignName = Type.String({ minLength: 1, maxLength: 20 })
const Secret = Type.Optional(Type.String({ minLength: 8, maxLength: 300 }))

/** The API's shape: secrets may be given (to set or replace them) or left out (to keep them). */
export const ProviderSettingsBody = Type.Object(
  {
    /** Which provider sends each category of message. */
    routes: Type.Object({ marketing: Name, recall: Name, transactional: Name }, { additionalProperties: false }),
    twilio: Type.Optional(
      Type.Object(
        { baseUrl: Url, accountSid: Type.String({ minLength: 1, maxLength: 100 }), from: Type.String({ minLength: 1, maxLength: 50 }), authToken: Secret },
        { additionalProperties: false },
      ),
    ),
    cloud: Type.Optional(
      Type.Object(
        {
          baseUrl: Url,
          accessKeyId: Type.String({ minLength: 1, maxLength: 100 }),
          signName: Type.String({ minLength: 1, maxLength: 20 }),
          accessKeySecret: Secret,
          callbackSecret: Secret,
        },
        { additionalProperties: false },
      ),
    ),
    sandbox: Type.Optional(Type.Object({ webhookSecret: Secret }, { additionalProperties: false })),
    aliyun: Type.Optional(Type.Object({ endpoint: Url, accessKeyId: KeyId, signName: SignName, accessKeySecret: Secret, callbackToken: Secret }, { additionalProperties: false })),
    tencent: Type.Optional(
      Type.Object(
        {
          endpoint: Url,
          region: Type.String({ pattern: '^[a-z]+-[a-z]+(-[a-z0-9]+)*$', maxLength: 40 }),
          secretId: KeyId,
          smsSdkAppId: Type.String({ pattern: '^[0-9]{6,20}$' }),
          signName: SignName,
          secretKey: Secret,
          callbackToken: Secret,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type ProviderSettingsBody = Static<typeof ProviderSettingsBody>

/** As stored: the same without secret fields, plus the sealed secrets by "provider.field". */
export interface StoredProviderSettings {
  routes: Record<MessageCategory, ProviderName>
  twilio?: { baseUrl: string; accountSid: string; from: string }
  cloud?: { baseUrl: string; accessKeyId: string; signName: string }
  aliyun?: { endpoint: string; accessKeyId: string; signName: string }
  tencent?: { endpoint: string; region: string; secretId: string; smsSdkAppId: string; signName: string }
  sealed: Record<string, string>
}

export const DEFAULT_PROVIDER_SETTINGS: StoredProviderSettings = { routes: { marketing: 'sandbox', recall: 'sandbox', transactional: 'sandbox' }, sealed: {} }
