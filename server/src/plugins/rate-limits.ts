import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ApiError } from './errors'

/** Per caller (API key or user), so one busy integration cannot starve the others. */
export const INGESTION_RATE_LIMIT = {
  max: 120,
  timeWindow: '1 minute',
  keyGenerator: (request: FastifyRequest) => {
    const principal = request.principal
    return principal?.kind === 'api_key' ? `key:${principal.keyId}` : principal?.kind === 'user' ? `user:${principal.userId}` : `ip:${request.ip}`
  },
}

/** 429, with when to try again, in both languages. */
export function rateLimited(ttlMs: number): ApiError {
  const seconds = Math.ceil(ttlMs / 1000)
  return new ApiError(429, 'rate_limited', { en: `Too many requests; try again in ${seconds} s`, zh: `请求过于频繁,请 ${seconds} 秒后再试` })
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
