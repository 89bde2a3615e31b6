import cookie from '@fastify/cookie'
import type { LocalizedText } from '@recall/shared'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { makerRoleLacks, missingScope, type Principal, type RouteAccess, type Scope } from '../access/permissions'
import { accessRepository } from '../repositories/access'
import { ApiError } from './errors'
import { refusedCallerLimit } from './rate-limits'

export const SESSION_COOKIE = 'recall_session'
export const CSRF_HEADER = 'x-csrf-token'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs; a route under /api without it is for admins only (deny by default). */
    access?: RouteAccess
    /** What a signed-in user whose role falls short is told, when the route can say it better than the scope's name. */
    refusal?: LocalizedText
  }
  interface FastifyRequest {
    principal: Principal | undefined
  }
}

const UNAUTHENTICATED = new ApiError(401, 'unauthenticated', {
  en: 'Sign in or send an API key (Authorization: Bearer …)',
  zh: '请先登录,或在请求头中提供 API 密钥(Authorization: Bearer …)',
})
const BAD_CSRF = new ApiError(403, 'csrf', { en: 'Missing or wrong x-csrf-token header; reload the page', zh: '缺少或错误的 x-csrf-token 请求头,请刷新页面' })

async function authenticate(request: FastifyRequest, access: ReturnType<typeof accessRepository>): Promise<Principal | undefined> {
  // The scheme is case-insensitive (RFC 9110): "bearer rk_…" is as good as "Bearer rk_…".
  const [, scheme, credentials = ''] = /^(\S+)\s+(.*)$/.exec(request.headers.authorization ?? '') ?? []
  if (scheme?.toLowerCase() === 'bearer') return access.apiKeyPrincipal(credentials.trim())
  // Segment's HTTP destinations send the key as the basic-auth user name, with no password.
  if (scheme?.toLowerCase() === 'basic') return access.apiKeyPrincipal(Buffer.from(credentials.trim(), 'base64').toString('utf8').split(':')[0] ?? '')
  const session = request.cookies[SESSION_COOKIE]
  if (!session) return undefined
  const principal = await access.sessionPrincipal(session)
  // Cookies ride along with requests other sites trigger; a change must also carry the token only our page can read.
  if (principal?.kind === 'user' && !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && request.headers[CSRF_HEADER] !== principal.csrfToken) throw BAD_CSRF
  return principal
}

/** The caller, if allowed what the route needs; otherwise 401 (no or a wrong credential) or 403. */
async function allowedPrincipal(request: FastifyRequest, access: ReturnType<typeof accessRepository>, needed: RouteAccess): Promise<Principal> {
  const principal = await authenticate(request, access)
  if (!principal) throw UNAUTHENTICATED
  const missing = missingScope(principal, needed)
  if (missing) {
    const told = request.routeOptions.config.refusal
    throw new ApiError(403, 'forbidden', told && principal.kind === 'user' ? told : refusalText(principal, missing))
  }
  return principal
}

/**
 * For a route that reaches more than its `access` names only in some requests (a real contact rather
 * than the sample, a run over real contacts): refuses a caller without `scope` as the route's own
 * check would. Call it before reading anything, so a refusal tells nothing about what is there.
 */
export function requireScope(request: FastifyRequest, scope: Scope): void {
  const principal = request.principal
  if (!principal) throw UNAUTHENTICATED
  if (missingScope(principal, scope)) throw new ApiError(403, 'forbidden', refusalText(principal, scope))
}

/**
 * Whose rights fall short: the user's role, the key's scopes, or, for a key that has the scope,
 * the role its maker has now (a demoted maker's key acts with the maker's rights, so reissuing the
 * key would not help; the maker's role must change).
 */
function refusalText(principal: Principal, needed: Scope): LocalizedText {
  if (principal.kind === 'user')
    return { en: `This needs the "${needed}" permission, which the ${principal.role} role does not have`, zh: `此操作需要"${needed}"权限,角色 ${principal.role} 没有此权限` }
  if (makerRoleLacks(principal, needed)) {
    const role = principal.maker.role
    return {
      en: `This needs the "${needed}" permission: this API key has it, but it acts for the user who made it, whose current role (${role}) does not`,
      zh: `此操作需要"${needed}"权限:该 API 密钥拥有此权限,但密钥以其创建者的身份操作,而创建者当前的角色(${role})没有此权限`,
    }
  }
  return { en: `This needs the "${needed}" permission, which this API key does not have`, zh: `此操作需要"${needed}"权限,该 API 密钥没有此权限` }
}

/**
 * Every route under /api needs a signed-in user or an API key whose role or scopes allow what the
 * route's `access` names; health, short links, MMS media by address and signed webhooks say `public`.
 */
export const authPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(cookie)
    // Sessions and keys expire on the wall clock: the demo clock would end a 14-day session in 5.6 minutes.
    const access = accessRepository(app.database.db)
    const limitRefused = refusedCallerLimit(app)
    app.decorateRequest('principal', undefined)
    app.addHook('onRequest', async (request) => {
      // An unknown /api route: a stranger is asked to sign in (the route map is not theirs to probe),
      // anyone signed in is told it does not exist, not that it needs an admin.
      const needed = request.routeOptions.config.access ?? (request.url.startsWith('/api/') ? (request.is404 ? 'authenticated' : 'admin') : 'public')
      if (needed === 'public') return
      try {
        request.principal = await allowedPrincipal(request, access, needed)
      } catch (refusal) {
        // Only refusals count: a database outage is no reason to answer 429.
        if (refusal instanceof ApiError) await limitRefused(request)
        throw refusal
      }
    })
  },
  { name: 'auth', dependencies: ['database', 'rate-limits'] },
)
