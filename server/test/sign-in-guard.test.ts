import { describe, expect, it } from 'vitest'
import { ACCOUNT_CEILING, PAIR_TRIES, SIGN_IN_WINDOW_MS, signInGuard } from '../src/access/sign-in-guard'

const OWNER = 'owner@shop.example'
const MINUTE = 60_000

/** The guard alone, on a clock the test moves: what closes an account, to whom, and for how long. */
describe('sign-in guard', () => {
  const guarded = () => {
    const clock = { now: Date.parse('2026-12-03T09:00:00Z') }
    return { clock, guard: signInGuard(() => clock.now) }
  }
  const failFrom = (guard: ReturnType<typeof signInGuard>, addresses: string[], times: number) => {
    for (const address of addresses) for (let attempt = 0; attempt < times; attempt++) guard.failed(OWNER, address)
  }

  it('closes the account to an address after ten failures from it, for the rest of fifteen minutes, and to that address only', () => {
    const { clock, guard } = guarded()
    failFrom(guard, ['203.0.113.9'], PAIR_TRIES - 1)
    expect(guard.retryAfterSeconds(OWNER, '203.0.113.9')).toBe(0)
    guard.failed(OWNER, '203.0.113.9')
    clock.now += MINUTE
    expect([guard.retryAfterSeconds(OWNER, '203.0.113.9'), guard.retryAfterSeconds(OWNER, '198.51.100.4'), guard.retryAfterSeconds('other@shop.example', '203.0.113.9')]).toEqual([
      840, 0, 0,
    ])
    clock.now += 14 * MINUTE
    expect(guard.retryAfterSeconds(OWNER, '203.0.113.9')).toBe(0)
  })

  it('counts an IPv6 /64 as one address, and an IPv4 address mapped into IPv6 as itself', () => {
    const { guard } = guarded()
    for (let host = 1; host <= PAIR_TRIES; host++) guard.failed(OWNER, `2001:db8:5:6::${host}`)
    expect(guard.retryAfterSeconds(OWNER, '2001:db8:5:6:ffff::1')).toBe(SIGN_IN_WINDOW_MS / 1000)
    expect(guard.retryAfterSeconds(OWNER, '2001:db8:5:7::1')).toBe(0)
    failFrom(guard, ['::ffff:192.0.2.8'], PAIR_TRIES)
    expect(guard.retryAfterSeconds(OWNER, '192.0.2.8')).toBe(SIGN_IN_WINDOW_MS / 1000)
  })

  it('closes the account to unknown addresses once a hundred failures come from many, but not to an address it signed in from', () => {
    const { clock, guard } = guarded()
    guard.succeeded(OWNER, '198.51.100.4')
    const guessers = Array.from({ length: ACCOUNT_CEILING / PAIR_TRIES }, (_, index) => `203.0.113.${index + 1}`)
    failFrom(guard, guessers.slice(0, -1), PAIR_TRIES)
    failFrom(guard, guessers.slice(-1), PAIR_TRIES - 1)
    expect(guard.retryAfterSeconds(OWNER, '192.0.2.50')).toBe(0)
    guard.failed(OWNER, guessers.at(-1) as string)
    clock.now += 5 * MINUTE
    expect([guard.retryAfterSeconds(OWNER, '192.0.2.50'), guard.retryAfterSeconds(OWNER, '198.51.100.4')]).toEqual([600, 0])
    // The owner signing in again hands the guessers no fresh allowance.
    guard.succeeded(OWNER, '198.51.100.4')
    expect(guard.retryAfterSeconds(OWNER, '192.0.2.50')).toBe(600)
  })

  it('forgets a known address after thirty days without a sign-in from it', () => {
    const { clock, guard } = guarded()
    guard.succeeded(OWNER, '198.51.100.4')
    clock.now += 30 * 86_400_000
    failFrom(
      guard,
      Array.from({ length: ACCOUNT_CEILING / PAIR_TRIES }, (_, index) => `203.0.113.${index + 1}`),
      PAIR_TRIES,
    )
    expect(guard.retryAfterSeconds(OWNER, '198.51.100.4')).toBe(SIGN_IN_WINDOW_MS / 1000)
  })

  it('clears an address’s failures for the account when it signs in', () => {
    const { guard } = guarded()
    failFrom(guard, ['203.0.113.9'], PAIR_TRIES - 1)
    guard.succeeded(OWNER, '203.0.113.9')
    guard.failed(OWNER, '203.0.113.9')
    expect(guard.retryAfterSeconds(OWNER, '203.0.113.9')).toBe(0)
  })
})
