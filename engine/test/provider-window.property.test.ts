import { formatMinutes, LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decideSend, defaultPolicies, describeLocal, insideProviderWindow, MINUTE, nextOpening, type ProviderSendRule } from '../src/index'
import { contact } from './helpers'

const LEGAL = toWeeklyIntervals(LEGAL_WINDOW)
/** Open in the contact's own legal window (their zone). */
const legalOpen = (instant: number, timeZone: string) => nextOpening(instant, timeZone, LEGAL, [])?.at === instant

const worldArbitrary = fc
  .record({
    now: fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }).map((instant) => instant - (instant % MINUTE)),
    timeZone: fc.constantFrom('Asia/Shanghai', 'Europe/London', 'America/New_York', 'Asia/Tokyo'),
    // Hours in quarter hours, start before end, as the settings page offers them.
    start: fc.integer({ min: 0, max: 94 }),
    length: fc.integer({ min: 1, max: 95 }),
    category: fc.constantFrom('marketing' as const, 'recall' as const),
  })
  .filter(({ start, length }) => start + length <= 96)

describe('provider marketing hours (fast-check)', () => {
  it("never lets a promotional send out of the cloud's hours, holds to the first moment both windows are open, names the cloud when it is what holds the send, and names the time it goes", () => {
    fc.assert(
      fc.property(worldArbitrary, ({ now, timeZone, start, length, category }) => {
        const rule: ProviderSendRule = {
          label: { en: 'Aliyun', zh: '阿里云' },
          timeZone: 'Asia/Shanghai',
          marketingWindow: { start: formatMinutes(start * 15), end: formatMinutes(Math.min((start + length) * 15, 24 * 60 - 1)) },
        }
        const policies = defaultPolicies({ caps: [], providerRules: { [category]: rule } })
        const decision = decideSend({ category, window: LEGAL, onCapReached: 'skip', spreadKey: 'k' }, contact({ timeZone }), policies, now)
        const bothOpen = (instant: number) => insideProviderWindow(instant, rule) && legalOpen(instant, timeZone)
        if (decision.kind === 'send') expect(bothOpen(now)).toBe(true)
        else if (decision.kind === 'hold') {
          expect(decision.until).toBeGreaterThan(now)
          expect(bothOpen(decision.until)).toBe(true)
          // Nothing earlier was open in both, checked every 15 minutes (all windows are on quarter hours).
          let cloudOpenedSooner = false
          for (let instant = now; instant < decision.until; instant += 15 * MINUTE - (instant % (15 * MINUTE))) {
            expect(bothOpen(instant)).toBe(false)
            cloudOpenedSooner ||= insideProviderWindow(instant, rule)
          }
          // The hours that set the time are named: the contact's window when it alone holds the send
          // that long and the cloud opens sooner, else the cloud when it refuses now.
          const windowAlone = nextOpening(now, timeZone, LEGAL, [])?.at === decision.until
          if (windowAlone && cloudOpenedSooner) expect(decision.reason.en.startsWith(`held: outside 08:00–21:00 ${timeZone}`)).toBe(true)
          else if (!insideProviderWindow(now, rule)) expect(decision.reason.en.startsWith(`held: outside Aliyun marketing hours ${rule.marketingWindow?.start}–`)).toBe(true)
          // Whoever is named, the time named is the one the send is held until.
          expect(decision.reason.en).toContain(`resumes ${describeLocal(decision.until, timeZone).en}`)
        } else expect(decision).toMatchObject({ kind: 'skip', code: 'no_window' })
      }),
      { numRuns: 300 },
    )
  })
})
