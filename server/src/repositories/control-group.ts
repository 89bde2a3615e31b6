import { randomBytes } from 'node:crypto'
import type { ControlGroup } from '@recall/engine'
import { eq } from 'drizzle-orm'
import { settings } from '../db/schema/index'
import type { Executor } from '../worker/contact-view'

const SALT_KEY = 'control_group_salt'

/**
 * The workspace's control-group salt, created once: concurrent first saves agree on whichever row
 * landed, and no later save or restart replaces it.
 */
export async function ensureControlGroupSalt(db: Executor): Promise<string> {
  await db
    .insert(settings)
    .values({ key: SALT_KEY, value: randomBytes(16).toString('hex') })
    .onConflictDoNothing({ target: settings.key })
  return (await storedSalt(db)) as string
}

async function storedSalt(db: Executor): Promise<string | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SALT_KEY))
  return row?.value as string | undefined
}

/** The control group the engine applies, or none when the share is 0. */
export async function controlGroupPolicy(db: Executor, percent: number): Promise<ControlGroup | undefined> {
  if (percent <= 0) return undefined
  return { percent, salt: (await storedSalt(db)) ?? (await ensureControlGroupSalt(db)) }
}
