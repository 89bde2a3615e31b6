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

describe('the re-check at sending reads the allowed hours as they are now', () => {
  const shanghai: SendingContext = { ...context, contact: { phone: '+8613912345678', consent: true, timeZone: 'Asia/Shanghai' } }
  const evening = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '18:00', end: '21:00' }]
  /** Queued under allowed hours 18:00–02:00 (18:00–21:00 inside the legal window), held by a failing provider. */
  const queuedInTheEvening = queued({ timeZone: 'Asia/Shanghai', weekly: toWeeklyIntervals(evening), timeZones: ['Asia/Shanghai'], country: 'CN' })
  const halfPastSix = Date.parse('2026-11-24T18:31:00+08:00')

  it('sends at 18:31 Beijing while the hours still allow it', () => {
    expect(recheckAtSending(queuedInTheEvening, shanghai, policies, halfPastSix)).toEqual({ kind: 'send' })
  })

  it('does not send at 18:31 Beijing once the allowed hours were cut to 08:00–18:00: no hour is left to the message', () => {
    const cut = defaultPolicies({ caps: [], quietHoursWindow: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '08:00', end: '18:00' }] })
    expect(recheckAtSending(queuedInTheEvening, shanghai, cut, halfPastSix)).toMatchObject({ kind: 'cancel', code: 'no_window' })
  })

  it('holds a message queued without a window of its own until the allowed hours open now', () => {
    const mornings = defaultPolicies({ caps: [], quietHoursWindow: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '12:00' }] })
    const verdict = recheckAtSending(queued(null), shanghai, mornings, halfPastSix)
    expect(verdict).toMatchObject({ kind: 'hold', until: Date.parse('2026-11-25T09:00:00+08:00') })
  })
})

describe('the re-check at sending names the hours that set the time a held message goes, as the step does', () => {
  const shanghai: SendingContext = { ...context, contact: { phone: '+8613912345678', consent: true, timeZone: 'Asia/Shanghai' } }
  const aliyun = { label: { en: 'Aliyun', zh: '阿里云' }, timeZone: 'Asia/Shanghai', marketingWindow: { start: '08:00', end: '20:00' } }
  const fromTen = defaultPolicies({ caps: [], quietHoursWindow: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '10:00', end: '21:00' }], providerRules: { recall: aliyun } })
  const queuedInShanghai = queued({ timeZone: 'Asia/Shanghai', weekly: LEGAL })

  it('at 21:30 Beijing, the allowed hours from 10:00, not the cloud’s 08:00', () => {
    expect(recheckAtSending(queuedInShanghai, shanghai, fromTen, Date.parse('2026-11-24T21:30:00+08:00'))).toEqual({
      kind: 'hold',
      until: Date.parse('2026-11-25T10:00:00+08:00'),
      reason: { en: 'held: outside 10:00–21:00 Asia/Shanghai, resumes 2026-11-25 10:00', zh: '暂缓:不在 10:00–21:00(Asia/Shanghai)发送时段内,将于 11月25日 10:00 发送' },
    })
  })

  it('at 20:30 Beijing, the cloud’s hours and the allowed hours together', () => {
    expect(recheckAtSending(queuedInShanghai, shanghai, fromTen, Date.parse('2026-11-24T20:30:00+08:00'))).toEqual({
      kind: 'hold',
      until: Date.parse('2026-11-25T10:00:00+08:00'),
      reason: {
        en: 'held: outside Aliyun marketing hours 08:00–20:00 (Beijing) and 10:00–21:00 Asia/Shanghai at once, resumes 2026-11-25 10:00 Asia/Shanghai',
        zh: '暂缓:不在阿里云营销短信发送时段 08:00–20:00(北京时间)与 10:00–21:00(Asia/Shanghai)的共同时段内,将于 11月25日 10:00(Asia/Shanghai)发送',
      },
    })
  })

  it('names a Londoner’s zone in en and zh alike', () => {
    const londoner: SendingContext = { ...context, contact: { phone: '+447911123456', consent: true, timeZone: 'Europe/London' } }
    const message = { ...queued({ timeZone: 'Europe/London', weekly: LEGAL }), phone: '+447911123456' } as OutboxRow
    expect(recheckAtSending(message, londoner, defaultPolicies({ caps: [], quietHoursWindow: fromTen.quietHoursWindow }), Date.parse('2026-11-24T21:30:00Z'))).toEqual({
      kind: 'hold',
      until: Date.parse('2026-11-25T10:00:00Z'),
      reason: { en: 'held: outside 10:00–21:00 Europe/London, resumes 2026-11-25 10:00', zh: '暂缓:不在 10:00–21:00(Europe/London)发送时段内,将于 11月25日 10:00 发送' },
    })
  })
})
