import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileJourney, HOUR, MINUTE, start } from '../src/index'
import { at, chain, contact, policies } from './helpers'

/** trigger → wait N minutes → SMS → exit. */
const journeyWaiting = (minutes: number) =>
  chain([
    { id: 'wait', type: 'wait', data: { mode: 'duration', duration: { amount: minutes, unit: 'minutes' } } },
    { id: 'sms', type: 'send_sms', data: { text: '您好 {{link}}', category: 'recall', linkUrl: 'https://example.com/shop' } },
  ] as never)

const NOON = at('2026-11-24T12:00+08:00')

describe('entering at an event time earlier than now', () => {
  it('counts the wait from the entry; the send, if the wait is over, happens now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 0, max: 24 * 60 }), (minutes, lateBy) => {
        const enteredAt = NOON - lateBy * MINUTE
        const result = start(compileJourney(journeyWaiting(minutes)), {
          enrollmentId: 'e1',
          triggerNodeId: 'start',
          version: '1',
          contact: contact(),
          policies,
          now: NOON,
          enteredAt,
        })
        expect(result.state.enteredAt).toBe(enteredAt)
        const ends = enteredAt + minutes * MINUTE
        if (ends > NOON) {
          expect(result.state).toMatchObject({ nodeId: 'wait', wake: { at: ends } })
          expect(result.effects.filter((effect) => effect.type === 'send')).toEqual([])
        } else {
          expect(result.state.status).toBe('exited')
          expect(result.state.exit?.at).toBe(NOON)
          expect(result.log.find((line) => line.kind === 'woke')?.at).toBe(ends)
          expect(result.log.filter((line) => line.kind === 'sent').map((line) => line.at)).toEqual([NOON])
        }
      }),
    )
  })

  it('enters now when the event time is in the future', () => {
    const result = start(compileJourney(journeyWaiting(60)), {
      enrollmentId: 'e1',
      triggerNodeId: 'start',
      version: '1',
      contact: contact(),
      policies,
      now: NOON,
      enteredAt: NOON + HOUR,
    })
    expect(result.state).toMatchObject({ enteredAt: NOON, wake: { at: NOON + HOUR } })
  })
})
