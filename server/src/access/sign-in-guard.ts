import { and, eq, inArray, isNotNull, isNull, lte, notInArray, or, sql } from 'drizzle-orm'
import type { Database } from '../db/database'
import { signInAttempts } from '../db/schema/index'
import { limitedAddress } from './client-address'

/** Wrong passwords one address may send one account in the window before the account is closed to that address. */
export const PAIR_TRIES = 10
/** Wrong passwords one account may get from all addresses together in the window: only guessing spread over many addresses gets near it. */
export const ACCOUNT_CEILING = 100
export const SIGN_IN_WINDOW_MS = 15 * 60_000
/** How long an address an account signed in from stays known to it, and how many are kept per account. */
const KNOWN_FOR_MS = 30 * 86_400_000
const KNOWN_PER_ACCOUNT = 20
/** The row counting an account's failures from every address together (no real address is written so). */
const EVERYWHERE = '*'
/** Rows that count no more are swept at most this often per process: a guesser's invented accounts do not stay. */
const SWEEP_EVERY_MS = 60_000

type Attempts = typeof signInAttempts.$inferSelect

/**
 * Wrong passwords on the wall clock, counted so that a stranger cannot keep an account's owner out
 * (ten wrong tries from anywhere used to close the account to everyone):
 * - per account and address: ten in fifteen minutes close the account to that address only;
 * - per account from everywhere: a hundred in fifteen minutes (which takes guessing from ten or more
 *   addresses) close it to every address but those it signed in from in the last 30 days, so its
 *   owner still gets in from where they usually work while guessing from elsewhere is held.
 * Addresses count as the rate limits count them (an IPv6 /64 as one). Only failures count; a success
 * clears its address's count and makes the address known to the account. Counts live in the
 * database (sign_in_attempts), so API processes sharing it share them: N processes give no N × the tries.
 */
export function signInGuard(db: Database, now: () => number = Date.now) {
  const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`
  let sweptAt = Number.NEGATIVE_INFINITY

  /** Seconds left in a row's window once its failures reached `limit`, else 0. */
  const secondsClosed = (row: Attempts | undefined, limit: number) => {
    if (!row?.failingSince || row.failures < limit) return 0
    return Math.max(0, Math.ceil((row.failingSince.getTime() + SIGN_IN_WINDOW_MS - now()) / 1000))
  }

  /** Rows whose failures are out of their window and whose sign-in (if any) is forgotten. */
  async function sweep(): Promise<void> {
    if (now() - sweptAt < SWEEP_EVERY_MS) return
    sweptAt = now()
    await db
      .delete(signInAttempts)
      .where(
        and(
          or(isNull(signInAttempts.failingSince), lte(signInAttempts.failingSince, at(now() - SIGN_IN_WINDOW_MS))),
          or(isNull(signInAttempts.signedInAt), lte(signInAttempts.signedInAt, at(now() - KNOWN_FOR_MS))),
        ),
      )
  }

  return {
    /** Seconds until this caller may try this account again, or 0 when it may now. */
    async retryAfterSeconds(account: string, ip: string): Promise<number> {
      const address = limitedAddress(ip)
      const rows = await db
        .select()
        .from(signInAttempts)
        .where(and(eq(signInAttempts.account, account), inArray(signInAttempts.address, [address, EVERYWHERE])))
      const pair = rows.find((row) => row.address === address)
      const closedToAddress = secondsClosed(pair, PAIR_TRIES)
      const known = pair?.signedInAt !== null && pair?.signedInAt !== undefined && now() - pair.signedInAt.getTime() < KNOWN_FOR_MS
      return known
        ? closedToAddress
        : Math.max(
            closedToAddress,
            secondsClosed(
              rows.find((row) => row.address === EVERYWHERE),
              ACCOUNT_CEILING,
            ),
          )
    },

    /** One more failure for the account from this address and from everywhere, in one statement so concurrent ones all count. */
    async failed(account: string, ip: string): Promise<void> {
      const inWindow = sql`${signInAttempts.failingSince} > ${at(now() - SIGN_IN_WINDOW_MS)}`
      await db
        .insert(signInAttempts)
        .values([limitedAddress(ip), EVERYWHERE].map((address) => ({ account, address, failures: 1, failingSince: new Date(now()) })))
        .onConflictDoUpdate({
          target: [signInAttempts.account, signInAttempts.address],
          set: {
            failures: sql`case when ${inWindow} then ${signInAttempts.failures} + 1 else 1 end`,
            failingSince: sql`case when ${inWindow} then ${signInAttempts.failingSince} else ${at(now())} end`,
          },
        })
      await sweep()
    },

    /**
     * The address's count ends and it becomes known to the account (the 20 it signed in from last).
     * The account-wide count stays: the owner signing in must not hand a distributed guesser a fresh allowance.
     */
    async succeeded(account: string, ip: string): Promise<void> {
      const address = limitedAddress(ip)
      await db.transaction(async (tx) => {
        await tx
          .insert(signInAttempts)
          .values({ account, address, failures: 0, failingSince: null, signedInAt: new Date(now()) })
          .onConflictDoUpdate({ target: [signInAttempts.account, signInAttempts.address], set: { failures: 0, failingSince: null, signedInAt: at(now()) } })
        const latest = tx
          .select({ address: signInAttempts.address })
          .from(signInAttempts)
          .where(and(eq(signInAttempts.account, account), isNotNull(signInAttempts.signedInAt)))
          .orderBy(sql`${signInAttempts.signedInAt} desc`)
          .limit(KNOWN_PER_ACCOUNT)
        await tx
          .update(signInAttempts)
          .set({ signedInAt: null })
          .where(and(eq(signInAttempts.account, account), isNotNull(signInAttempts.signedInAt), notInArray(signInAttempts.address, latest)))
      })
    },
  }
}

export type SignInGuard = ReturnType<typeof signInGuard>
