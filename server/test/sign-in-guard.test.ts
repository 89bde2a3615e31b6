import { describe, expect, it } from 'vitest'
import { ACCOUNT_CEILING, PAIR_TRIES, SIGN_IN_WINDOW_MS, signInGuard } from '../src/access/sign-in-guard'
import { signInAttempts } from '../src/db/schema/index'
import { useTestDatabase } from './support/databases'

const OWNER = 'owner@shop.example'
const MINUTE = 60_000

/** The guard alone, on a clock the test moves: what closes an account, to whom, and for how long. */
describe('sign-in guard', async () => {
  const database = useTestDatabase('pglite')
  // Each test starts from no counts, on the same wall-clock time.
  const guarded = async () => {
    await database().db.delete(signInAttempts)
    const clock = { now: Date.parse('2026-12-03T09:00:00Z') }
    return { clock, guard: signInGuard(database().db, () => clock.now) }
  }
  const failFrom = async (guard: ReturnType<typeof signInGuard>, addresses: string[], times: number) => {
    for (const address of addresses) for (let attempt = 0; attempt < times; attempt++) await await guard.failed(OWNER, address)
  }

  it('closes the account to an address after ten failures from it, for the rest of fifteen minutes, and to that address only', async () => {
    const { clock, guard } = await guarded()
    await failFrom(guard, ['203.0.113.9'], PAIR_TRIES - 1)
    expect(await guard.retryAfterSeconds(OWNER, '203.0.113.9')).toBe(0)
    await guard.failed(OWNER, '203.0.113.9')
    clock.now += MINUTE
    expect([
      await guard.retryAfterSeconds(OWNER, '203.0.113.9'),
      await guard.retryAfterSeconds(OWNER, '198.51.100.4'),
      await guard.retryAfterSeconds('other@shop.example', '203.0.113.9'),
    ]).toEqual([840, 0, 0])
    clock.now += 14 * MINUTE
    expect(await guard.retryAfterSeconds(OWNER, '203.0.113.9')).toBe(0)
  })

  it('counts an IPv6 /64 as one address, and an IPv4 address mapped into IPv6 as itself', async () => {
    const { guard } = await guarded()
    for (let host = 1; host <= PAIR_TRIES; host++) await guard.failed(OWNER, `2001:db8:5:6::${host}`)
    expect(await guard.retryAfterSeconds(OWNER, '2001:db8:5:6:ffff::1')).toBe(SIGN_IN_WINDOW_MS / 1000)
    expect(await guard.retryAfterSeconds(OWNER, '2001:db8:5:7::1')).toBe(0)
    await failFrom(guard, ['::ffff:192.0.2.8'], PAIR_TRIES)
    expect(await guard.retryAfterSeconds(OWNER, '192.0.2.8')).toBe(SIGN_IN_WINDOW_MS / 1000)
  })

  it('closes the account to unknown addresses once a hundred failures come from many, but not to an address it signed in from', async () => {
    const { clock, guard } = await guarded()
    await guard.succeeded(OWNER, '198.51.100.4')
    const guessers = Array.from({ length: ACCOUNT_CEILING / PAIR_TRIES }, (_, index) => `203.0.113.${index + 1}`)
    await failFrom(guard, guessers.slice(0, -1), PAIR_TRIES)
    await failFrom(guard, guessers.slice(-1), PAIR_TRIES - 1)
    expect(await guard.retryAfterSeconds(OWNER, '192.0.2.50')).toBe(0)
    await guard.failed(OWNER, guessers.at(-1) as string)
    clock.now += 5 * MINUTE
    expect([await guard.retryAfterSeconds(OWNER, '192.0.2.50'), await guard.retryAfterSeconds(OWNER, '198.51.100.4')]).toEqual([600, 0])
    // The owner signing in again hands the guessers no fresh allowance.
    await guard.succeeded(OWNER, '198.51.100.4')
    expect(await guard.retryAfterSeconds(OWNER, '192.0.2.50')).toBe(600)
  })

  it('forgets a known address after thirty days without a sign-in from it', async () => {
    const { clock, guard } = await guarded()
    await guard.succeeded(OWNER, '198.51.100.4')
    clock.now += 30 * 86_400_000
    await failFrom(
      guard,
      Array.from({ length: ACCOUNT_CEILING / PAIR_TRIES }, (_, index) => `203.0.113.${index + 1}`),
      PAIR_TRIES,
    )
    expect(await guard.retryAfterSeconds(OWNER, '198.51.100.4')).toBe(SIGN_IN_WINDOW_MS / 1000)
  })

  it('clears an address’s failures for the account when it signs in', async () => {
    const { guard } = await guarded()
    await failFrom(guard, ['203.0.113.9'], PAIR_TRIES - 1)
    await guard.succeeded(OWNER, '203.0.113.9')
    await guard.failed(OWNER, '203.0.113.9')
    expect(await guard.retryAfterSeconds(OWNER, '203.0.113.9')).toBe(0)
  })

  it('starts an address’s count again once its window has passed', async () => {
    const { clock, guard } = await guarded()
    await failFrom(guard, ['203.0.113.9'], PAIR_TRIES - 1)
    clock.now += SIGN_IN_WINDOW_MS
    await failFrom(guard, ['203.0.113.9'], PAIR_TRIES - 1)
    expect(await guard.retryAfterSeconds(OWNER, '203.0.113.9')).toBe(0)
    await guard.failed(OWNER, '203.0.113.9')
    expect(await guard.retryAfterSeconds(OWNER, '203.0.113.9')).toBe(SIGN_IN_WINDOW_MS / 1000)
  })

  it('knows the twenty addresses an account signed in from last, not the one before them', async () => {
    const { clock, guard } = await guarded()
    for (let address = 1; address <= 21; address++) {
      await guard.succeeded(OWNER, `198.51.100.${address}`)
      clock.now += MINUTE
    }
    await failFrom(
      guard,
      Array.from({ length: ACCOUNT_CEILING / PAIR_TRIES }, (_, index) => `203.0.113.${index + 1}`),
      PAIR_TRIES,
    )
    expect([await guard.retryAfterSeconds(OWNER, '198.51.100.1'), await guard.retryAfterSeconds(OWNER, '198.51.100.2')]).toEqual([SIGN_IN_WINDOW_MS / 1000, 0])
  })

  it('sweeps rows that count no more: a guesser’s invented accounts go once their window has passed, known addresses stay thirty days', async () => {
    const { clock, guard } = await guarded()
    await guard.succeeded(OWNER, '198.51.100.4')
    await failFrom(guard, ['203.0.113.9'], 1)
    for (const invented of ['a@x.example', 'b@x.example']) await guard.failed(invented, '203.0.113.9')
    clock.now += SIGN_IN_WINDOW_MS
    await guard.failed('c@x.example', '203.0.113.9')
    const rows = await database().db.select({ account: signInAttempts.account, address: signInAttempts.address, failures: signInAttempts.failures }).from(signInAttempts)
    expect(rows.sort((a, b) => `${a.account} ${a.address}`.localeCompare(`${b.account} ${b.address}`))).toEqual([
      { account: 'c@x.example', address: '*', failures: 1 },
      { account: 'c@x.example', address: '203.0.113.9', failures: 1 },
      { account: OWNER, address: '198.51.100.4', failures: 0 },
    ])
  })
})
