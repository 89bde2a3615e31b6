import { type Role, SCOPES, type Scope } from '@recall/shared'

export { SCOPES, type Scope }

/** What a route needs: a scope, any signed-in caller, or nothing (health, short links, signed webhooks). */
export type RouteAccess = Scope | 'authenticated' | 'public'

const READ: Scope[] = ['journeys:read', 'contacts:read', 'messages:read', 'segments:read', 'settings:read']

/** Viewers read; editors also build, publish and feed data; admins also run settings, users, keys and providers. */
export const ROLE_SCOPES: Record<Role, ReadonlySet<Scope>> = {
  viewer: new Set(READ),
  editor: new Set([...READ, 'journeys:write', 'contacts:write', 'events:write', 'segments:write']),
  admin: new Set(SCOPES),
}

export type Principal =
  | { kind: 'user'; userId: string; email: string; name: string; role: Role; canPublish: boolean; csrfToken: string }
  /** `makerId`: the user who made the key, whom it acts for; null for keys made outside the app (tests, scripts). */
  | { kind: 'api_key'; keyId: string; name: string; scopes: readonly string[]; makerId: string | null }

/** The user a caller acts for: themselves, or a key's maker (so a person's keys are that person). */
export function personOf(principal: Principal): string | null {
  return principal.kind === 'user' ? principal.userId : principal.makerId
}

export function principalAllows(principal: Principal, needed: RouteAccess): boolean {
  if (needed === 'public' || needed === 'authenticated') return true
  if (principal.kind === 'user') return ROLE_SCOPES[principal.role].has(needed)
  return principal.scopes.includes('admin') || principal.scopes.includes(needed)
}
