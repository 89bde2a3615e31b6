import { ProviderError, UnknownOutcomeError } from './types'

/** Network failures that happen before a request can leave: safe to send again. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

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
    // Refused or unresolvable: the request never left. Anything else may have been cut after the provider read it.
    const code = (cause as { cause?: { code?: string } }).cause?.code
    if (code && NEVER_SENT.has(code)) throw new ProviderError('transient', 'network', `cannot reach the provider: ${code}`)
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
