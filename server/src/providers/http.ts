import { ProviderError, UnknownOutcomeError } from './types'

/**
 * Network failures that happen before a request can leave (no connection was made, or the name
 * did not resolve): safe to send again. ECONNRESET and the like are not here: a connection cut
 * after the request was written may have reached the provider.
 */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])
/** fetch refuses these before opening any connection: a port it blocks ("bad port", e.g. :9), a URL it cannot parse. */
const REFUSED_BY_FETCH = new Set(['bad port', 'Invalid URL'])

/**
 * The never-sent code of a failed fetch, or undefined when the request may have left. undici puts
 * the socket error in `cause`; trying several addresses (IPv6 and IPv4) gives an AggregateError
 * that never reached the server only if no address did.
 */
/** Whether a socket error code proves the request never left (see NEVER_SENT). */
export const isNeverSentCode = (code: unknown): code is string => typeof code === 'string' && NEVER_SENT.has(code)

/** A failed call's text without its address's query string, which the clouds' SDKs fill with the phone number. */
export const withoutQuery = (text: string) => text.replace(/(https?:\/\/[^\s?]*)\?\S*/g, '$1?…')

export function neverSentCode(failure: unknown): string | undefined {
  const cause = (failure as { cause?: unknown } | undefined)?.cause as { code?: unknown; message?: unknown; errors?: unknown } | undefined
  if (!cause) return undefined
  if (typeof cause.code === 'string' && NEVER_SENT.has(cause.code)) return cause.code
  if (Array.isArray(cause.errors) && cause.errors.length > 0) {
    const codes = cause.errors.map((error) => (error as { code?: unknown } | undefined)?.code)
    if (codes.every((code) => typeof code === 'string' && NEVER_SENT.has(code))) return codes[0] as string
  }
  if (typeof cause.message === 'string' && REFUSED_BY_FETCH.has(cause.message)) return cause.message
  return undefined
}

/** A provider that has not answered in this long is treated as down for now. */
export const PROVIDER_TIMEOUT_MS = 10_000

export interface HttpAnswer {
  status: number
  body: unknown
  retryAfterSeconds: number | undefined
}

/** One HTTP call to a provider; network failures and time-outs become transient ProviderErrors. */
export async function callProvider(url: string, init: RequestInit, timeoutMs = PROVIDER_TIMEOUT_MS): Promise<HttpAnswer> {
  let response: Response
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
  } catch (cause) {
    const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')
    if (timedOut) throw new UnknownOutcomeError('timeout', `no answer within ${timeoutMs} ms`)
    // Refused, unresolvable or blocked by fetch: the request never left, so it is tried again with
    // the usual backoff. Anything else may have been cut after the provider read it.
    const neverSent = neverSentCode(cause)
    if (neverSent) throw new ProviderError('transient', 'network', `cannot reach the provider: ${neverSent}`)
    const code = (cause as { cause?: { code?: string } }).cause?.code
    throw new UnknownOutcomeError('network', `the connection to the provider broke: ${code ?? String(cause)}`)
  }
  const text = await response.text()
  let body: unknown = text
  try {
    body = text === '' ? undefined : JSON.parse(text)
  } catch {
    // Not JSON: kept as text for the error message.
  }
  const retryAfter = Number(response.headers.get('retry-after'))
  return { status: response.status, body, retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined }
}

/** 429 and 5xx are passing troubles; other 4xx are the message's own fault. */
export function failureOf(answer: HttpAnswer, code: string, detail: string): ProviderError {
  const transient = answer.status === 429 || answer.status >= 500
  return new ProviderError(transient ? 'transient' : 'permanent', code, `${answer.status}: ${detail}`, answer.retryAfterSeconds)
}
