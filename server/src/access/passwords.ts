import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'
import { PASSWORD_RULES } from '@recall/shared'
import Type from 'typebox'

/** A password being set (a new user's, a change, an admin's reset): one rule for all of them. */
export const NewPassword = Type.String({ ...PASSWORD_RULES, description: `At least ${PASSWORD_RULES.minLength} characters` })

/** Whether a new password also revokes the API keys its user made: yes unless said otherwise, as whoever knew the old one may hold them. */
export const RevokeApiKeys = Type.Optional(Type.Boolean({ default: true, description: 'Also revoke the API keys this user made (true unless false is given)' }))

const KEY_LENGTH = 32
// OWASP's scrypt floor (N=2^17, r=8, p=1) needs 128 MiB per hash; maxmem leaves room for it.
const COST: ScryptOptions = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))))
}

/**
 * `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking stored hashes (each hash
 * is verified at the cost it names). `cost` is only ever the default outside the server's own tests.
 */
export async function hashPassword(password: string, cost: ScryptOptions = COST): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, cost)
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem })
  return key.length === expected.length && timingSafeEqual(key, expected)
}
