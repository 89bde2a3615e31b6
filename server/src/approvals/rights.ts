import { type Actor, storedActorName } from '@recall/shared'
import { type KeyMaker, type Principal, personOf } from '../access/permissions'
import type { Role } from '../db/schema/index'

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
export const keyRights = (scopes: readonly string[], maker: Pick<KeyMaker, 'role' | 'canPublish'>): PublishRights =>
  lesser(scopeRights(scopes), userRights(maker.role, maker.canPublish))

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

/** Who acted: a user, a key by its maker and its name, or Recall itself when no one signed in did. */
export function principalActor(principal: Principal | undefined): Actor {
  if (!principal) return { kind: 'system' }
  return principal.kind === 'user' ? { kind: 'user', name: principal.name } : { kind: 'apiKey', maker: principal.maker.name, key: principal.name }
}

/** Who acted, as stored and answered ("Ada (API key "CI")"); storedActorText gives it in both languages. */
export const principalName = (principal: Principal | undefined): string => storedActorName(principalActor(principal))
