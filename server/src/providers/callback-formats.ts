import type { ProviderName } from './settings'

export interface CallbackFormat {
  /** The media type the provider posts its receipts and replies in; any other is refused (415). */
  mediaType: string
  /** Where its proof of origin is, as a refusal names it: a signature header or the URL's secret token. */
  signature: string
}

/**
 * How each provider calls back (see its webhooks in the provider's file), known whether or not the
 * provider is configured, so every refusal names the same field for a provider either way.
 */
export const CALLBACK_FORMATS: Record<ProviderName, CallbackFormat> = {
  sandbox: { mediaType: 'application/json', signature: '/headers/x-recall-signature' },
  cloud: { mediaType: 'application/json', signature: '/headers/x-acs-signature' },
  aliyun: { mediaType: 'application/json', signature: '/querystring/token' },
  tencent: { mediaType: 'application/json', signature: '/querystring/token' },
  twilio: { mediaType: 'application/x-www-form-urlencoded', signature: '/headers/x-twilio-signature' },
}

/** The media type of a Content-Type header, without its parameters (`application/json; charset=gbk` is `application/json`). */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  return type || undefined
}
