import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aliyunReceiptPoll } from '../../src/providers/aliyun-poll'
import { cloudTime, judgePushedTime, PUSHED_TIME_SKEW_MS, polledTime, relayTime, type TimeFormat } from '../../src/providers/pushed-times'
import { tencentReceiptPoll } from '../../src/providers/tencent-poll'
import { CallbackRefusal, type SkippedRecord } from '../../src/providers/types'

const NOW = Date.parse('2026-12-03T14:30:00Z')
const FORMATS: TimeFormat[] = ['beijing', 'unixSeconds', 'isoWithZone']
const EARLIEST = Date.UTC(1970, 0, 1)

/** Anything a provider might put where a time goes: times in every format, near and far, and junk. */
const pushedValue = fc.oneof(
  fc.integer({ min: -4_000_000_000_000, max: 400_000_000_000_000 }).map((at) => new Date(Math.min(Math.max(at, -8.64e15), 8.64e15)).toISOString()),
  fc.integer({ min: -10 * PUSHED_TIME_SKEW_MS, max: 10 * PUSHED_TIME_SKEW_MS }).map((offset) => new Date(NOW + offset).toISOString().replace('Z', '+00:00')),
  fc.integer({ min: -4_000_000_000, max: 400_000_000_000 }),
  fc.double(),
  fc.string(),
  fc.jsonValue(),
)

describe('the one judgement of a pushed time', () => {
  it('takes a time only within 1970 and 10 minutes after arrival, in every format, and nothing stands in later than arrival', () => {
    fc.assert(
      fc.property(pushedValue, fc.constantFrom(...FORMATS), fc.integer({ min: 0, max: 20 * PUSHED_TIME_SKEW_MS }), (value, format, late) => {
        const arrival = NOW + late
        const judged = judgePushedTime(value, format, arrival)
        if (judged.kind === 'taken') expect(judged.at >= EARLIEST && judged.at <= arrival + PUSHED_TIME_SKEW_MS).toBe(true)
        const notes: SkippedRecord[] = []
        const cloud = cloudTime({ at: value }, 'at', format, arrival, (field, reason) => notes.push({ index: 0, field, reason }))
        expect(cloud).toBe(judged.kind === 'taken' ? judged.at : arrival)
        expect(notes.length).toBe(judged.kind === 'taken' ? 0 : 1)
        expect(polledTime(value, format, arrival)).toBe(cloud)
      }),
      { seed: 20261203, numRuns: 2_000 },
    )
  })

  it.each([
    ['exactly 10 minutes ahead', new Date(NOW + PUSHED_TIME_SKEW_MS).toISOString(), { kind: 'taken', at: NOW + PUSHED_TIME_SKEW_MS }],
    ['a millisecond more', new Date(NOW + PUSHED_TIME_SKEW_MS + 1).toISOString(), { kind: 'ahead' }],
    ['year 9999', '9999-12-31T23:59:59Z', { kind: 'ahead' }],
    ['before 1970', '1969-12-31T23:59:59Z', { kind: 'malformed' }],
    ['without a zone', '2026-12-03T14:00:00', { kind: 'malformed' }],
    ['null', null, { kind: 'missing' }],
    ['absent', undefined, { kind: 'missing' }],
  ])('Recall format: %s', (_name, value, judged) => {
    expect(judgePushedTime(value, 'isoWithZone', NOW)).toEqual(judged)
  })

  it('Beijing time is read at +08:00, run together too; Unix seconds as seconds', () => {
    expect(judgePushedTime('2026-12-03 22:00:00', 'beijing', NOW)).toEqual({ kind: 'taken', at: Date.parse('2026-12-03T14:00:00Z') })
    expect(judgePushedTime('20261203220000', 'beijing', NOW)).toEqual({ kind: 'taken', at: Date.parse('2026-12-03T14:00:00Z') })
    expect(judgePushedTime(1796300000, 'unixSeconds', NOW)).toEqual({ kind: 'taken', at: 1796300000_000 })
    expect(judgePushedTime('1796300000', 'unixSeconds', NOW)).toEqual({ kind: 'malformed' })
  })

  it('a relay: no time is the arrival, one ahead is the arrival and noted, one in another format refuses the callback naming the field', () => {
    const notes: string[] = []
    const note = (field: string) => notes.push(field)
    expect(relayTime({}, 'at', NOW, note)).toBe(NOW)
    expect(relayTime({ at: '2026-12-03T22:00:00+08:00' }, 'at', NOW, note)).toBe(Date.parse('2026-12-03T14:00:00Z'))
    expect(relayTime({ at: '2026-12-04T22:00:00+08:00' }, 'at', NOW, note)).toBe(NOW)
    expect(notes).toEqual(['at'])
    expect(() => relayTime({ at: 1796300000 }, 'at', NOW, note)).toThrow(CallbackRefusal)
  })
})

describe('receipts polled from the clouds', () => {
  it('Aliyun: a receiveDate ahead of the poll, or unreadable, is the time of the poll; one before it is kept', async () => {
    const details = ['2026-12-03 22:29:00', '2026-12-04 22:29:00', 'soon'].map((receiveDate) => ({ sendStatus: 3, receiveDate }))
    const client = { querySendDetails: async () => ({ body: { smsSendDetailDTOs: { smsSendDetailDTO: [details.shift()] } } }) }
    const requests = { QuerySendDetailsRequest: class {} }
    const poll = aliyunReceiptPoll(async () => ({ client, requests }) as unknown as Awaited<ReturnType<Parameters<typeof aliyunReceiptPoll>[0]>>)
    const pending = ['B1/13800138000', 'B2/13800138000', 'B3/13800138000'].map((providerId) => ({ providerId, phone: '+8613800138000', sentAt: NOW - 60_000 }))
    expect((await poll(pending, NOW, async () => {})).map((report) => [report.providerId, report.at])).toEqual([
      ['B1/13800138000', Date.parse('2026-12-03T14:29:00Z')],
      ['B2/13800138000', NOW],
      ['B3/13800138000', NOW],
    ])
  })

  it('Tencent: a UserReceiveTime ahead of the poll, or none, is the time of the poll', async () => {
    const statuses = [NOW / 1000 - 60, NOW / 1000 + 3_600, 0].map((UserReceiveTime, index) => ({ SerialNo: `S${index}`, ReportStatus: 'SUCCESS', UserReceiveTime }))
    const poll = tencentReceiptPoll(async () => ({ PullSmsSendStatus: async () => ({ PullSmsSendStatusSet: statuses }) }) as never, '1400006666')
    expect((await poll([], NOW, async () => {})).map((report) => [report.providerId, report.at])).toEqual([
      ['S0', NOW - 60_000],
      ['S1', NOW],
      ['S2', NOW],
    ])
  })
})
