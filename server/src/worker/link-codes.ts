import { createHmac } from 'node:crypto'
import { CODE_ALPHABET, SHORT_LINK_CODE_LENGTH } from '@recall/engine'
import { eq } from 'drizzle-orm'
import { settings } from '../db/schema/index'
import type { Executor } from './contact-view'

/**
 * This install's secret for short link codes: 64 hex characters that migration 0028 made once, so
 * reading it never writes (a refused request writes nothing). Never answered by any route.
 */
export async function shortLinkSecret(db: Executor): Promise<string> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'short_link_secret'))
  if (typeof row?.value !== 'string') throw new Error('the short link secret is missing from settings: the database was not migrated (0028)')
  return row.value
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
