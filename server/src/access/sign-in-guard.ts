import { limitedAddress } from './client-address'
import { signInFailures } from './sign-in-failures'

/** Wrong passwords one address may send one account in the window before the account is closed to that address. */
export const PAIR_TRIES = 10
/** Wrong passwords one account may get from all addresses together in the window: only guessing spread over many addresses gets near it. */
export const ACCOUNT_CEILING = 100
export const SIGN_IN_WINDOW_MS = 15 * 60_000
/** How long an address an account signed in from stays known to it, and how many are kept per account. */
const KNOWN_FOR_MS = 30 * 86_400_000
const KNOWN_PER_ACCOUNT = 20

/**
 * Wrong passwords on the wall clock, counted so that a stranger cannot keep an account's owner out
 * (ten wrong tries from anywhere used to close the account to everyone):
 * - per account and address: ten in fifteen minutes close the account to that address only;
 * - per account from everywhere: a hundred in fifteen minutes (which takes guessing from ten or more
 *   addresses) close it to every address but those it signed in from in the last 30 days, so its
 *   owner still gets in from where they usually work while guessing from elsewhere is held.
 * Addresses count as the rate limits count them (an IPv6 /64 as one). Only failures count; a success
 * clears its address's count and makes the address known to the account.
 */
export function signInGuard(now: () => number = Date.now) {
  const perPair = signInFailures(PAIR_TRIES, SIGN_IN_WINDOW_MS, now)
  const perAccount = signInFailures(ACCOUNT_CEILING, SIGN_IN_WINDOW_MS, now)
  // Only successes add here, so its size follows the real accounts, never a guesser's inventions.
  const known = new Map<string, Map<string, number>>()
  const pair = (account: string, address: string) => JSON.stringify([account, address])
  const isKnown = (account: string, address: string) => now() - (known.get(account)?.get(address) ?? Number.NEGATIVE_INFINITY) < KNOWN_FOR_MS
  return {
    /** Seconds until this caller may try this account again, or 0 when it may now. */
    retryAfterSeconds(account: string, ip: string): number {
      const address = limitedAddress(ip)
      const closedToAddress = perPair.retryAfterSeconds(pair(account, address))
      return isKnown(account, address) ? closedToAddress : Math.max(closedToAddress, perAccount.retryAfterSeconds(account))
    },
    failed(account: string, ip: string): void {
      perPair.failed(pair(account, limitedAddress(ip)))
      perAccount.failed(account)
    },
    /** The account-wide count stays: the owner signing in must not hand a distributed guesser a fresh allowance. */
    succeeded(account: string, ip: string): void {
      const address = limitedAddress(ip)
      perPair.succeeded(pair(account, address))
      const addresses = known.get(account) ?? new Map<string, number>()
      // Re-inserted so the Map's order is by last success, and the one longest unused goes first.
      addresses.delete(address)
      addresses.set(address, now())
      if (addresses.size > KNOWN_PER_ACCOUNT) addresses.delete(addresses.keys().next().value as string)
      known.set(account, addresses)
    },
  }
}

export type SignInGuard = ReturnType<typeof signInGuard>
