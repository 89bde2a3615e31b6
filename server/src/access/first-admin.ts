import { randomBytes } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../db/database'
import { accessRepository } from '../repositories/access'

export interface FirstAdmin {
  email: string
  /** Present only when it was generated: shown once, never stored in the clear. */
  generatedPassword?: string
}

/**
 * On the first start there is nobody to sign in as: an admin is made from RECALL_ADMIN_EMAIL and
 * RECALL_ADMIN_PASSWORD, or with a generated password that is printed once. Later starts with
 * RECALL_ADMIN_PASSWORD set give that admin this password (made if missing); a password it did not
 * have yet ends every session of theirs, and the log says so (by user id: logs carry no emails).
 */
export async function ensureFirstAdmin(db: Database, env: Record<string, string | undefined>, log: Pick<FastifyBaseLogger, 'warn'>): Promise<FirstAdmin | undefined> {
  const access = accessRepository(db)
  const email = env.RECALL_ADMIN_EMAIL ?? 'admin@recall.local'
  const given = env.RECALL_ADMIN_PASSWORD
  if ((await access.countUsers()) > 0) {
    // A lost password is recovered by starting once with RECALL_ADMIN_PASSWORD set.
    const reset = given ? await access.setPassword(email, given, 'admin') : undefined
    if (reset) log.warn(reset, 'RECALL_ADMIN_PASSWORD reset the admin password: every session of theirs was ended')
    return undefined
  }
  const password = given ?? randomBytes(12).toString('base64url')
  await access.createUser({ email, name: 'Admin', role: 'admin', password })
  return given ? { email } : { email, generatedPassword: password }
}
