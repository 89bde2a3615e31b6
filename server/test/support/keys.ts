import { randomBytes, randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Database } from '../../src/db/database'
import { users } from '../../src/db/schema/index'

/** The admin that tests' and benchmarks' API keys act for: every key answers to someone, as in the app. */
export const KEY_MAKER_EMAIL = 'keys@recall.test'

/**
 * A well-formed scrypt hash of no password anyone knows (random salt and key): nobody signs in as the
 * key maker, and no test waits for a real scrypt run to make it.
 */
const unusableHash = () => ['scrypt', 2 ** 17, 8, 1, randomBytes(16).toString('base64'), randomBytes(32).toString('base64')].join('$')

/** The id of the tests' key maker, an admin, made on first use. */
export async function keyMaker(db: Database): Promise<string> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, KEY_MAKER_EMAIL))
  if (existing) return existing.id
  const id = randomUUID()
  await db.insert(users).values({ id, email: KEY_MAKER_EMAIL, name: 'Key maker', role: 'admin', passwordHash: unusableHash() })
  return id
}
