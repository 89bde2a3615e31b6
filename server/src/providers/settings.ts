import { type MessageCategory, TimeOfDay } from '@recall/shared'
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
/**
 * A token or secret Recall checks every callback against: anyone who knows it can fail messages or
 * opt numbers out, so at least 16 characters (an outside tester set "12345678").
 */
export const MIN_CALLBACK_SECRET_LENGTH = 16
const CallbackSecret = Type.Optional(Type.String({ minLength: MIN_CALLBACK_SECRET_LENGTH, maxLength: 300 }))
export const MIN_REQUESTS_PER_SECOND = 10

/** Limits each cloud account may set; left out, the cloud's documented defaults apply (see send-rules.ts). */
const CloudLimits = {
  marketingWindow: Type.Optional(Type.Object({ start: TimeOfDay, end: TimeOfDay }, { additionalProperties: false })),
  // At least 10: a claimed group (up to 200 Tencent numbers, each its own request when their values
  // differ) must get its tokens well inside the 60 s lease, or its messages would turn uncertain.
  requestsPerSecond: Type.Optional(Type.Integer({ minimum: MIN_REQUESTS_PER_SECOND, maximum: 10_000 })),
  dailyTemplateLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  pollReceipts: Type.Optional(Type.Boolean()),
}

/**
 * The API's shape, merged into what is stored: a provider left out keeps its settings and
 * secrets, `null` removes it; a secret given sets or replaces it, left out keeps it.
 */
export const ProviderSettingsBody = Type.Object(
  {
    /** Which provider sends each category of message; categories left out keep theirs. */
    routes: Type.Optional(Type.Object({ marketing: Type.Optional(Name), recall: Type.Optional(Name), transactional: Type.Optional(Name) }, { additionalProperties: false })),
    twilio: Type.Optional(
      Type.Union([
        Type.Object(
          { baseUrl: Url, accountSid: Type.String({ minLength: 1, maxLength: 100 }), from: Type.String({ minLength: 1, maxLength: 50 }), authToken: Secret },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    cloud: Type.Optional(
      Type.Union([
        Type.Object(
          {
            baseUrl: Url,
            accessKeyId: Type.String({ minLength: 1, maxLength: 100 }),
            signName: Type.String({ minLength: 1, maxLength: 20 }),
            accessKeySecret: Secret,
            callbackSecret: CallbackSecret,
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    sandbox: Type.Optional(Type.Union([Type.Object({ webhookSecret: CallbackSecret }, { additionalProperties: false }), Type.Null()])),
    aliyun: Type.Optional(
      Type.Union([
        Type.Object(
          { endpoint: Url, accessKeyId: KeyId, signName: SignName, accessKeySecret: Secret, callbackToken: CallbackSecret, ...CloudLimits },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    tencent: Type.Optional(
      Type.Union([
        Type.Object(
          {
            endpoint: Url,
            region: Type.String({ pattern: '^[a-z]+-[a-z]+(-[a-z0-9]+)*$', maxLength: 40 }),
            secretId: KeyId,
            smsSdkAppId: Type.String({ pattern: '^[0-9]{6,20}$' }),
            signName: SignName,
            secretKey: Secret,
            callbackToken: CallbackSecret,
            ...CloudLimits,
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
)
export type ProviderSettingsBody = Static<typeof ProviderSettingsBody>

export interface CloudLimits {
  /** The cloud's hours for marketing content, Beijing time. */
  marketingWindow?: { start: TimeOfDay; end: TimeOfDay }
  /** API requests a second the account may make (a batch call is one). */
  requestsPerSecond?: number
  /** Messages with one template to one number in one day. */
  dailyTemplateLimit?: number
  /** Ask the cloud for receipts that have not arrived (callbacks that cannot reach us). */
  pollReceipts?: boolean
}

/** As stored: the same without secret fields, plus the sealed secrets by "provider.field". */
export interface StoredProviderSettings {
  routes: Record<MessageCategory, ProviderName>
  twilio?: { baseUrl: string; accountSid: string; from: string }
  cloud?: { baseUrl: string; accessKeyId: string; signName: string }
  aliyun?: { endpoint: string; accessKeyId: string; signName: string } & CloudLimits
  tencent?: { endpoint: string; region: string; secretId: string; smsSdkAppId: string; signName: string } & CloudLimits
  sealed: Record<string, string>
}

export const DEFAULT_PROVIDER_SETTINGS: StoredProviderSettings = { routes: { marketing: 'sandbox', recall: 'sandbox', transactional: 'sandbox' }, sealed: {} }
