import { defaultPolicies } from '@recall/engine'
import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { recheckAtSending, type SendingContext } from '../../src/worker/outbox/recheck'
import type { OutboxRow } from '../../src/worker/outbox/record'

const LEGAL = toWeeklyIntervals(LEGAL_WINDOW)
const policies = defaultPolicies({ caps: [] })
const context: SendingContext = {
  contact: { phone: '+8613912345678', consent: true, timeZone: 'America/New_York' },
  optOut: undefined,
  journeyStatus: 'live',
  enrollment: undefined,
  goneOut: [],
}
/** A recall SMS queued for a +86 number stored in New York, with the zones a step carried. */
const queued = (sendWindow: OutboxRow['sendWindow']) =>
  ({ id: 1, phone: '+8613912345678', category: 'recall', sendWindow, notAfter: null, template: null, createdAt: new Date('2026-11-24T00:00:00Z') }) as unknown as OutboxRow

/** 09:00 in New York is 22:00 in Beijing. */
const nineInNewYork = Date.parse('2026-11-24T09:00:00-05:00')
const RESUMES = {
  until: Date.parse('2026-11-25T08:00:00+08:00'),
  reason: {
    en: "held: outside 08:00–21:00 in America/New_York (the contact's own zone) and Asia/Shanghai (China's legal time), resumes 2026-11-25 08:00 Asia/Shanghai",
    zh: '暂缓:不在联系人时区(America/New_York)和中国法定时间(Asia/Shanghai)的 08:00–21:00 发送时段内,将于 11月25日 08:00(Asia/Shanghai)发送',
  },
}

describe('the re-check at sending reads China’s rules in Beijing time for a +86 number with a zone of its own', () => {
  it('holds a message that carries both zones until 08:00 Beijing', () => {
    const verdict = recheckAtSending(
      queued({ timeZone: 'America/New_York', weekly: LEGAL, timeZones: ['America/New_York', 'Asia/Shanghai'], country: 'CN' }),
      context,
      policies,
      nineInNewYork,
    )
    expect(verdict).toEqual({ kind: 'hold', ...RESUMES })
  })

  it('holds a message queued with its own zone only (before Beijing time was judged beside it) the same way', () => {
    expect(recheckAtSending(queued({ timeZone: 'America/New_York', weekly: LEGAL }), context, policies, nineInNewYork)).toEqual({ kind: 'hold', ...RESUMES })
    expect(recheckAtSending(queued({ timeZone: 'America/New_York', weekly: LEGAL, timeZones: ['America/New_York'] }), context, policies, nineInNewYork)).toEqual({
      kind: 'hold',
      ...RESUMES,
    })
  })

  it('sends when both clocks are open: 19:30 New York is 08:30 Beijing', () => {
    expect(recheckAtSending(queued({ timeZone: 'America/New_York', weekly: LEGAL }), context, policies, Date.parse('2026-11-24T19:30:00-05:00'))).toEqual({ kind: 'send' })
  })
})
