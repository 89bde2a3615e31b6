import { randomBytes, randomUUID, scryptSync } from 'node:crypto'
import type { Role } from '@recall/shared'
import type { Database } from '../../src/db/database'
import { users } from '../../src/db/schema/index'

/**
 * A stored hash carries its own cost, so a test's user may get a cheap one (N=2^10): signing in as
 * them then takes milliseconds through the real sign-in path, not the half second of the real cost.
 */
export function cheapPasswordHash(password: string): string {
  const salt = randomBytes(16)
  return ['scrypt', 2 ** 10, 8, 1, salt.toString('base64'), scryptSync(password, salt, 32, { N: 2 ** 10, r: 8, p: 1 }).toString('base64')].join('$')
}

/** A user whose password (`<email>-password`) is checked cheaply; answers their id. */
export async function cheapUser(db: Database, email: string, role: Role): Promise<string> {
  const id = randomUUID()
  await db.insert(users).values({ id, email, name: email, role, passwordHash: cheapPasswordHash(`${email}-password`) })
  return id
}
