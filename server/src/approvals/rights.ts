import { eq } from 'drizzle-orm'
import { type KeyMaker, type Principal, personOf } from '../access/permissions'
import { apiKeys, type Role, users } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'

/**
 * How far someone may take a version: `admin` publishes anything and reviews; `publisher` (an editor
 * with "can publish") publishes unless the workspace rule asks for a review, and reviews others'
 * submissions; `submitter` (an editor without it) only submits. An API key has the lesser of what its
 * scopes allow and what its maker may do now, so a key never publishes where its maker's session could not.
 */
export type PublishRights = 'admin' | 'publisher' | 'submitter' | 'none'

/** Weakest first, for taking the lesser of two. */
const RANKED: readonly PublishRights[] = ['none', 'submitter', 'publisher', 'admin']

const lesser = (a: PublishRights, b: PublishRights): PublishRights => (RANKED.indexOf(a) <= RANKED.indexOf(b) ? a : b)

export function userRights(role: Role, canPublish: boolean): PublishRights {
  if (role === 'admin') return 'admin'
  if (role === 'editor') return canPublish ? 'publisher' : 'submitter'
  return 'none'
}

/** What a key's scopes alone would allow: "admin" is an admin, "journeys:write" publishes. */
const scopeRights = (scopes: readonly string[]): PublishRights => (scopes.includes('admin') ? 'admin' : scopes.includes('journeys:write') ? 'publisher' : 'none')

/**
 * A key's rights: its scopes (already narrowed to the maker's role) capped by the maker's own rights,
 * which also counts their "can publish" box: a write key of an editor without it only submits.
 */
export const keyRights = (scopes: readonly string[], maker: Omit<KeyMaker, 'id'>): PublishRights => lesser(scopeRights(scopes), userRights(maker.role, maker.canPublish))

export function publishRightsOf(principal: Principal | undefined): PublishRights {
  if (!principal) return 'none'
  return principal.kind === 'api_key' ? keyRights(principal.scopes, principal.maker) : userRights(principal.role, principal.canPublish)
}

/** Who did it, stable across renames: "user:<id>" or "key:<id>". */
export function principalRef(principal: Principal | undefined): string {
  if (!principal) return 'system'
  return principal.kind === 'user' ? `user:${principal.userId}` : `key:${principal.keyId}`
}

/**
 * The person who acts, for telling submitter and reviewer apart: "user:<id>" for a user and for every
 * key they made, so a second key or the maker's own session is still the submitter.
 */
export function personRef(principal: Principal | undefined): string {
  return principal ? `user:${personOf(principal)}` : principalRef(principal)
}

export function principalName(principal: Principal | undefined): string {
  return principal?.name ?? 'system'
}

/**
 * The rights someone has now, from their reference: a scheduled publish is judged by its scheduler's
 * rights when it is due, so an editor whose right was taken away meanwhile does not publish.
 */
export async function rightsOfRef(db: Executor, ref: string | null): Promise<PublishRights> {
  const [kind, id] = (ref ?? '').split(/:(.*)/s)
  if (kind === 'user' && id) {
    const [user] = await db.select({ role: users.role, canPublish: users.canPublish }).from(users).where(eq(users.id, id))
    return user ? userRights(user.role, user.canPublish) : 'none'
  }
  if (kind === 'key' && id) {
    const [key] = await db.select({ scopes: apiKeys.scopes, revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.id, id))
    return key && !key.revokedAt ? scopeRights(key.scopes) : 'none'
  }
  // Schedules made before publishing rights existed carry no reference: they were made by someone who could publish.
  return 'publisher'
}
