import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { NewPassword, RevokeApiKeys } from '../../access/passwords'
import type { Principal } from '../../access/permissions'
import { signInGuard } from '../../access/sign-in-guard'
import { CSRF_HEADER, SESSION_COOKIE } from '../../plugins/auth'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { ApiError } from '../../plugins/errors'
import { PASSWORD_RATE_LIMIT, rateLimited } from '../../plugins/rate-limits'
import { accessRepository, WRONG_CURRENT_PASSWORD } from '../../repositories/access'

const LoginBody = Type.Object({ email: Type.String({ minLength: 3, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })
const PasswordChangeBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: NewPassword, revokeApiKeys: RevokeApiKeys },
  { additionalProperties: false },
)

const NOT_A_SESSION = new ApiError(400, 'not_a_session', { en: 'API keys have no session', zh: 'API 密钥没有登录会话' })

/** The signed-in person behind the request; an API key has no session (nor a password of its own). */
function sessionUser(request: FastifyRequest): Principal & { kind: 'user' } {
  if (request.principal?.kind !== 'user') throw NOT_A_SESSION
  return request.principal
}

/** Sign-in for the web app: an httpOnly, SameSite=Strict session cookie plus a CSRF token for changes. */
const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Sessions are a security timer: the wall clock, never the demo clock (which runs an hour a second).
  const access = accessRepository(app.database.db)
  const tags = ['auth']
  const secureCookies = process.env.RECALL_SECURE_COOKIES === 'true'

  // Wrong passwords per account and address, and per account from everywhere (see signInGuard);
  // a wrong current password given to change it counts the same, or a stolen session could guess it.
  // Counted in the database, so every API process on it shares the count (on the wall clock).
  const failures = signInGuard(app.database.db)
  const accountOf = (request: FastifyRequest) =>
    String((request.body as { email?: unknown } | undefined)?.email ?? '')
      .trim()
      .toLowerCase()
  const refuseWhileClosed = async (account: string, request: FastifyRequest) => {
    const wait = await failures.retryAfterSeconds(account, request.ip)
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
      const { token, principal } = await access.login(request.body.email, request.body.password).catch(async (error: unknown) => {
        await failures.failed(account, request.ip)
        throw error
      })
      await failures.succeeded(account, request.ip)
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: secureCookies, path: '/', maxAge: 14 * 86_400 })
      const { csrfToken, ...user } = principal
      return { user, csrfToken, csrfHeader: CSRF_HEADER }
    },
  )
  app.put(
    '/password',
    {
      bodyLimit: BODY_LIMITS.signIn,
      schema: {
        tags,
        summary: 'Change your own password, giving the current one: your other sessions end, this one stays; the API keys you made are revoked unless revokeApiKeys is false',
        body: PasswordChangeBody,
      },
      config: { access: 'authenticated', rateLimit: PASSWORD_RATE_LIMIT },
    },
    async (request) => {
      const user = sessionUser(request)
      await refuseWhileClosed(user.email, request)
      const session = request.cookies[SESSION_COOKIE] as string
      const { currentPassword, newPassword, revokeApiKeys = true } = request.body
      const change = await access.changeOwnPassword(user.userId, currentPassword, newPassword, session, revokeApiKeys).catch(async (error: unknown) => {
        if (error === WRONG_CURRENT_PASSWORD) await failures.failed(user.email, request.ip)
        throw error
      })
      await failures.succeeded(user.email, request.ip)
      request.log.info({ userId: user.userId, ...change }, 'a user changed their password: their other sessions were ended')
      return change
    },
  )
  app.get(
    '/api-keys',
    { schema: { tags, summary: 'The API keys you made that still work: what changing your password would revoke' }, config: { access: 'authenticated' } },
    async (request) => ({ apiKeys: await access.listOwnApiKeys(sessionUser(request).userId) }),
  )
  app.post('/logout', { schema: { tags, summary: 'Sign out' }, config: { access: 'authenticated' } }, async (request, reply) => {
    const session = request.cookies[SESSION_COOKIE]
    if (session) await access.logout(session)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.status(204).send()
  })
  app.get('/me', { schema: { tags, summary: 'Who is signed in, and the CSRF token for changes' }, config: { access: 'authenticated' } }, async (request) => {
    const { csrfToken, ...user } = sessionUser(request)
    return { user, csrfToken, csrfHeader: CSRF_HEADER }
  })
}

export default authRoutes
