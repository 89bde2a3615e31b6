import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { limitedAddress } from '../access/client-address'
import { personOf } from '../access/permissions'
import { refusalCounts } from '../access/refusal-counts'
import { ApiError } from './errors'

/**
 * Per caller (API key or user), so one busy integration cannot starve the others. The limit is a
 * route `onRequest` hook, which Fastify runs after the app-wide auth hook: the caller is known by
 * then, and a caller over its limit is refused before its body (up to 16 MB of events) is read.
 * Counted on the wall clock (the store's Date.now), never the demo clock.
 */
export const INGESTION_RATE_LIMIT = {
  max: 120,
  timeWindow: '1 minute',
  keyGenerator: (request: FastifyRequest) => {
    const principal = request.principal
    return principal?.kind === 'api_key' ? `key:${principal.keyId}` : principal?.kind === 'user' ? `user:${principal.userId}` : `ip:${request.ip}`
  },
}

/**
 * Per person, for limits on what a person does (test sends): a key counts as its maker and so does
 * the maker's session, so switching keys or signing in buys no more. Callers auth did not identify
 * are counted per address, as above.
 */
export function personKey(request: FastifyRequest): string {
  const principal = request.principal
  return principal ? `person:${personOf(principal)}` : `ip:${request.ip}`
}

/**
 * Password changes and resets per person a minute (each costs two scrypt runs of 128 MiB): room for
 * a typo or two, none for guessing a current password through a stolen session.
 */
export const PASSWORD_RATE_LIMIT = { max: 5, timeWindow: '1 minute', keyGenerator: personKey }

/** 429, with when to try again (wall-clock seconds) in both languages and in Retry-After, the same number. */
export function rateLimited(ttlMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000))
  return new ApiError(429, 'rate_limited', { en: `Too many requests; try again in ${seconds} s`, zh: `请求过于频繁,请 ${seconds} 秒后再试` }, [], {
    'retry-after': String(seconds),
  })
}

/**
 * Callers that auth refuses on a limited route (no key, a wrong, revoked or too narrow one) never
 * reach the route's limit, which runs after auth; they are counted here per address instead, as
 * many a minute as a caller gets, so a flood of bad keys is slowed too. Call it before refusing.
 */
export function refusedCallerLimit(app: FastifyInstance): (request: FastifyRequest) => Promise<void> {
  // The plugin's own key: the client's address (a whole IPv6 /64), as trusted proxies name it.
  const perAddress = app.createRateLimit({ max: INGESTION_RATE_LIMIT.max, timeWindow: INGESTION_RATE_LIMIT.timeWindow })
  return async (request) => {
    if (!request.routeOptions.config.rateLimit) return
    const counted = await perAddress(request)
    if (counted.isAllowed || !counted.isExceeded) return
    throw rateLimited(counted.ttl)
  }
}

/**
 * Refusals per address on the wall clock, for routes anyone may call (short links, signed webhooks):
 * past `max` refusals in a minute the address is answered 429 before anything is looked up, for the
 * rest of that minute. An address is counted as every limit counts it, an IPv6 /64 as one (a caller
 * rotating through its network gets no more). Calls that are not refused never count, so no number
 * of good ones is ever limited.
 */
export function refusalsPerAddress(max: number) {
  const refusals = refusalCounts(max, 60_000)
  return {
    /** An onRequest hook: 429, with Retry-After, while the address is over its refusals. */
    async check(request: FastifyRequest): Promise<void> {
      const wait = refusals.retryAfterSeconds(limitedAddress(request.ip))
      if (wait > 0) throw rateLimited(wait * 1000)
    },
    refused(request: { ip: string }): void {
      refusals.refused(limitedAddress(request.ip))
    },
  }
}

/** Limits only where a route asks for one (sign-in, ingestion); answers 429 in the request's language. */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) => rateLimited(context.ttl),
    })
  },
  { name: 'rate-limits' },
)
