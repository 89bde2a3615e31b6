import { type Role, SCOPES, type Scope } from '@recall/shared'

export { SCOPES, type Scope }

/**
 * What a route needs: a scope, several (all of them: a route that shows contacts beside journeys or
 * messages needs `contacts:read` too), any signed-in caller, or nothing (health, short links, MMS media by address, signed webhooks).
 */
export type RouteAccess = Scope | readonly Scope[] | 'authenticated' | 'public'

const READ: Scope[] = ['journeys:read', 'contacts:read', 'messages:read', 'segments:read', 'settings:read']

/** Viewers read; editors also build, publish and feed data; admins also run settings, users, keys and providers. */
export const ROLE_SCOPES: Record<Role, ReadonlySet<Scope>> = {
  viewer: new Set(READ),
  editor: new Set([...READ, 'journeys:write', 'contacts:write', 'events:write', 'segments:write']),
  admin: new Set(SCOPES),
}

/** The user behind an API key as they are now: the key acts for them and never beyond their rights. */
export interface KeyMaker {
  id: string
  /** The person's name: what a key does is told as theirs, since a key's own name is free text anyone can choose. */
  name: string
  role: Role
  canPublish: boolean
}

export type Principal =
  | { kind: 'user'; userId: string; email: string; name: string; role: Role; canPublish: boolean; csrfToken: string }
  /**
   * `scopes`: already narrowed to the maker's role; `issued`: as the key was made, kept to say
   * whose rights a refusal is about. A key without a maker never becomes a principal.
   */
  | { kind: 'api_key'; keyId: string; name: string; scopes: readonly string[]; issued: readonly string[]; maker: KeyMaker }

/** The user a caller acts for: themselves, or a key's maker (so a person's keys are that person). */
export function personOf(principal: Principal): string {
  return principal.kind === 'user' ? principal.userId : principal.maker.id
}

/**
 * A key acts with at most its maker's rights today: a demoted admin's admin key reads only, as
 * the person now may. "admin" on a key stands for every scope, so it is kept only for admins.
 */
export function scopesWithin(scopes: readonly string[], role: Role): string[] {
  const allowed = ROLE_SCOPES[role]
  if (scopes.includes('admin')) return role === 'admin' ? [...scopes] : [...allowed]
  return scopes.filter((scope) => allowed.has(scope as Scope))
}

export function principalAllows(principal: Principal, needed: Scope): boolean {
  if (principal.kind === 'user') return ROLE_SCOPES[principal.role].has(needed)
  return principal.scopes.includes('admin') || principal.scopes.includes(needed)
}

/**
 * Whether the caller may learn which contacts exist: only with contacts:read. A caller that may
 * only write (events, imports, enrolments) is answered alike for a known contact and an unknown one.
 */
export function seesContacts(principal: Principal | undefined): boolean {
  return principal !== undefined && principalAllows(principal, 'contacts:read')
}

/** The scope the caller lacks for what a route needs (the first, when it needs several), or undefined when allowed. */
export function missingScope(principal: Principal, needed: RouteAccess): Scope | undefined {
  if (needed === 'public' || needed === 'authenticated') return undefined
  return (typeof needed === 'string' ? [needed] : needed).find((scope) => !principalAllows(principal, scope))
}

/** Whether a key was issued with what `needed` names, though its maker's role no longer allows it. */
export function makerRoleLacks(principal: Principal, needed: Scope): boolean {
  return principal.kind === 'api_key' && (principal.issued.includes('admin') || principal.issued.includes(needed)) && !principalAllows(principal, needed)
}
