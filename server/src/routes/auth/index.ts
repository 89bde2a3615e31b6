import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { signInGuard } from '../../access/sign-in-guard'
import { CSRF_HEADER, SESSION_COOKIE } from '../../plugins/auth'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { ApiError } from '../../plugins/errors'
import { rateLimited } from '../../plugins/rate-limits'
import { accessRepository } from '../../repositories/access'

const LoginBody = Type.Object({ email: Type.String({ minLength: 3, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })

/** Sign-in for the web app: an httpOnly, SameSite=Strict session cookie plus a CSRF token for changes. */
const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Sessions are a security timer: the wall clock, never the demo clock (which runs an hour a second).
  const access = accessRepository(app.database.db)
  const tags = ['auth']
  const secureCookies = process.env.RECALL_SECURE_COOKIES === 'true'

  // Wrong passwords per account and address, and per account from everywhere (see signInGuard).
  const failures = signInGuard()
  const accountOf = (request: FastifyRequest) =>
    String((request.body as { email?: unknown } | undefined)?.email ?? '')
      .trim()
      .toLowerCase()
  const refuseWhileClosed = (account: string, request: FastifyRequest) => {
    const wait = failures.retryAfterSeconds(account, request.ip)
    if (wait > 0) throw rateLimited(wait * 1000)
  }
  app.post(
    '/login',
    // Ten tries a minute per address slows password guessing to a crawl.
    {
      bodyLimit: BODY_LIMITS.signIn,
      preHandler: async (request) => refuseWhileClosed(accountOf(request), request),
      schema: { tags, summary: 'Sign in with email and password', body: LoginBody },
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const account = accountOf(request)
      const { token, principal } = await access.login(request.body.email, request.body.password).catch((error: unknown) => {
        failures.failed(account, request.ip)
        throw error
      })
      failures.succeeded(account, request.ip)
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: secureCookies, path: '/', maxAge: 14 * 86_400 })
      const { csrfToken, ...user } = principal
      return { user, csrfToken, csrfHeader: CSRF_HEADER }
    },
  )
  app.post('/logout', { schema: { tags, summary: 'Sign out' }, config: { access: 'authenticated' } }, async (request, reply) => {
    const session = request.cookies[SESSION_COOKIE]
    if (session) await access.logout(session)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.status(204).send()
  })
  app.get('/me', { schema: { tags, summary: 'Who is signed in, and the CSRF token for changes' }, config: { access: 'authenticated' } }, async (request) => {
    const principal = request.principal
    if (principal?.kind !== 'user') throw new ApiError(400, 'not_a_session', { en: 'API keys have no session', zh: 'API 密钥没有登录会话' })
    const { csrfToken, ...user } = principal
    return { user, csrfToken, csrfHeader: CSRF_HEADER }
  })
}

export default authRoutes
