import { createHmac, randomBytes } from 'node:crypto'
import { CODE_ALPHABET, SHORT_LINK_CODE_LENGTH } from '@recall/engine'
import { eq } from 'drizzle-orm'
import { settings } from '../db/schema/index'
import type { Executor } from './contact-view'

const SECRET_KEY = 'short_link_secret'

const storedSecret = async (db: Executor) => (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SECRET_KEY)))[0]?.value as string | undefined

/**
 * This install's secret for short link codes (32 random bytes, hex), made on first use; concurrent
 * first uses agree on whichever row was stored first. Never answered by any route.
 */
export async function shortLinkSecret(db: Executor): Promise<string> {
  const stored = await storedSecret(db)
  if (stored) return stored
  await db
    .insert(settings)
    .values({ key: SECRET_KEY, value: randomBytes(32).toString('hex') })
    .onConflictDoNothing()
  return (await storedSecret(db)) as string
}

/**
 * Short link codes keyed with the secret: HMAC-SHA256 of the message's key, its first 48 bits as
 * seven characters of the code alphabet (lowest digit first). Without the secret a code cannot be
 * computed from a key, nor a key told from a code. Links already sent keep their stored codes.
 */
export function keyedLinkCodes(secret: string): (key: string) => string {
  return (key) => {
    let value = createHmac('sha256', secret).update(`link|${key}`).digest().readUIntBE(0, 6)
    let code = ''
    for (let digit = 0; digit < SHORT_LINK_CODE_LENGTH; digit++) {
      code += CODE_ALPHABET[value % CODE_ALPHABET.length]
      value = Math.floor(value / CODE_ALPHABET.length)
    }
    return code
  }
}

/** The install's keyed short link codes, as one batch of sends or a test send uses them. */
export const installLinkCodes = async (db: Executor) => keyedLinkCodes(await shortLinkSecret(db))
