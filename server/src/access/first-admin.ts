import { randomBytes } from 'node:crypto'
import type { Database } from '../db/database'
import { accessRepository } from '../repositories/access'

export interface FirstAdmin {
  email: string
  /** Present only when it was generated: shown once, never stored in the clear. */
  generatedPassword?: string
}

/**
 * On the first start there is nobody to sign in as: an admin is made from RECALL_ADMIN_EMAIL and
 * RECALL_ADMIN_PASSWORD, or with a generated password that is printed once.
 */
export async function ensureFirstAdmin(db: Database, env: Record<string, string | undefined>): Promise<FirstAdmin | undefined> {
  const access = accessRepository(db)
  if ((await access.countUsers()) > 0) return undefined
  const email = env.RECALL_ADMIN_EMAIL ?? 'admin@recall.local'
  const given = env.RECALL_ADMIN_PASSWORD
  const password = given ?? randomBytes(12).toString('base64url')
  await access.createUser({ email, name: 'Admin', role: 'admin', password })
  return given ? { email } : { email, generatedPassword: password }
}
