import { LEGAL_WINDOW, toWeeklyIntervals } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { decideSend, defaultPolicies, judgeTestSend, type ProviderSendRule, requiredWeeklyWindow, type TestRecipient } from '../src/index'
import { at, contact } from './helpers'

const BEIJING_NUMBER = '+8613912345678'
const stranger = (phone = BEIJING_NUMBER): TestRecipient => ({ phone, contacts: [] })
const policies = defaultPolicies()
const LEGAL = toWeeklyIntervals(LEGAL_WINDOW)

describe('test sends: opt-out and consent, as the live gate', () => {
  it('refuses every test to an opted-out number, in both languages, whatever the category the sender gives it', () => {
    const optedOut: TestRecipient = { ...stranger(), optedOutAt: at('2026-11-20T09:15:00+08:00'), contacts: [{ consent: true }] }
    expect(judgeTestSend('marketing', optedOut, policies, at('2026-11-24T10:00:00+08:00'))).toEqual({
      kind: 'refuse',
      code: 'opted_out',
      reason: {
        en: "This number opted out (replied T/退订/STOP, or was imported as opted out): tests are not sent to it, whatever the message's category",
        zh: '该号码已退订(回复了 T/退订/STOP,或导入时已退订):无论消息类别,测试都不会发送给它',
      },
    })
    expect(judgeTestSend('recall', optedOut, policies, at('2026-11-24T10:00:00+08:00'))).toMatchObject({ kind: 'refuse', code: 'opted_out' })
    // The sender picks a test's category (it comes with their unsaved document): a coupon text
    // called "transactional" is refused like any other.
    expect(judgeTestSend('transactional', optedOut, policies, at('2026-11-24T10:00:00+08:00'))).toMatchObject({ kind: 'refuse', code: 'opted_out' })
    expect(judgeTestSend('transactional', { ...stranger(), contacts: [{ consent: false }] }, policies, at('2026-11-24T10:00:00+08:00'))).toMatchObject({
      kind: 'refuse',
      code: 'no_consent',
    })
  })

  it('refuses a number a contact without consent holds; a number no contact holds is the tester’s own', () => {
    const noConsent: TestRecipient = { ...stranger(), contacts: [{ consent: true }, { consent: false }] }
    expect(judgeTestSend('recall', noConsent, policies, at('2026-11-24T10:00:00+08:00'))).toEqual({
      kind: 'refuse',
      code: 'no_consent',
      reason: {
        en: "This number belongs to a contact without consent to marketing messages: tests are not sent to it, whatever the message's category",
        zh: '该号码所属联系人未同意接收营销短信:无论消息类别,测试都不会发送给它',
      },
    })
    expect(judgeTestSend('recall', stranger(), policies, at('2026-11-24T10:00:00+08:00'))).toEqual({
      kind: 'send',
      window: { timeZone: 'Asia/Shanghai', weekly: LEGAL },
    })
  })
})

describe('test sends: the legal window in the holder’s zone', () => {
  it('refuses a marketing test at 06:32 Beijing time with the time now and the next allowed time', () => {
    expect(judgeTestSend('marketing', stranger(), policies, at('2026-11-24T06:32:00+08:00'))).toEqual({
      kind: 'refuse',
      code: 'window',
      reason: {
        en: 'Test not sent: tests go out only within 08:00–21:00 in Asia/Shanghai; it is now 2026-11-24 06:32 Asia/Shanghai, next allowed 2026-11-24 08:00 Asia/Shanghai',
        zh: '测试未发送:测试短信只在 Asia/Shanghai 的 08:00–21:00 内发送;现在是 11月24日 06:32(Asia/Shanghai),最早可于 11月24日 08:00(Asia/Shanghai)发送',
      },
    })
    expect(judgeTestSend('marketing', stranger(), policies, at('2026-11-24T20:59:00+08:00')).kind).toBe('send')
    expect(judgeTestSend('marketing', stranger(), policies, at('2026-11-24T21:00:00+08:00')).kind).toBe('refuse')
  })

  it('judges a US number in every US zone at once, as live sends, and records those zones', () => {
    const newYork = stranger('+12125550199')
    const refused = judgeTestSend('recall', newYork, policies, at('2026-11-24T06:04:00-05:00'))
    expect(refused).toMatchObject({ kind: 'refuse', code: 'window' })
    const reason = refused.kind === 'refuse' ? refused.reason : undefined
    expect(reason?.en).toMatch(/^Test not sent: tests go out only within 08:00–21:00 in every time zone of the United States \(America\/New_York … Pacific\/Honolulu\) at once; /)
    // Hawaii opens last: 08:00 there is 13:00 in New York.
    expect(reason?.en).toMatch(/; it is now 2026-11-24 06:04 America\/New_York, next allowed 2026-11-24 13:00 America\/New_York$/)
    expect(reason?.zh).toMatch(/^测试未发送:测试短信只在美国所有时区\(America\/New_York … Pacific\/Honolulu\)同时的 08:00–21:00 内发送;/)
    const sent = judgeTestSend('recall', newYork, policies, at('2026-11-24T13:00:00-05:00'))
    expect(sent).toMatchObject({ kind: 'send', window: { timeZone: 'America/New_York', country: 'US', weekly: LEGAL } })
    expect(sent.kind === 'send' && sent.window.timeZones?.at(-1)).toBe('Pacific/Honolulu')
  })

  it("uses a stored contact's own zone, and for a +86 number Beijing time beside it", () => {
    const inLondon: TestRecipient = { ...stranger(), contacts: [{ consent: true, timeZone: 'Europe/London' }] }
    // 15:00 in Beijing is 07:00 in London.
    expect(judgeTestSend('recall', inLondon, policies, at('2026-11-24T07:00:00Z'))).toMatchObject({
      kind: 'refuse',
      reason: {
        en: "Test not sent: tests go out only within 08:00–21:00 in Europe/London (the contact's own zone) and Asia/Shanghai (China's legal time) at once; it is now 2026-11-24 07:00 Europe/London, next allowed 2026-11-24 08:00 Europe/London",
        zh: '测试未发送:测试短信只在联系人时区(Europe/London)和中国法定时间(Asia/Shanghai)同时的 08:00–21:00 内发送;现在是 11月24日 07:00(Europe/London),最早可于 11月24日 08:00(Europe/London)发送',
      },
    })
    // 09:00 in New York is 22:00 in Beijing: open there, closed where China's rules are read.
    const inNewYork: TestRecipient = { ...stranger(), contacts: [{ consent: true, timeZone: 'America/New_York' }] }
    expect(judgeTestSend('recall', inNewYork, policies, at('2026-11-24T14:00:00Z'))).toMatchObject({
      kind: 'refuse',
      reason: { en: expect.stringContaining('it is now 2026-11-24 09:00 America/New_York, next allowed 2026-11-24 19:00 America/New_York') },
    })
    // A number of no country with a legal time keeps its own zone alone.
    const usNumber: TestRecipient = { phone: '+12025550123', contacts: [{ consent: true, timeZone: 'America/New_York' }] }
    expect(judgeTestSend('recall', usNumber, policies, at('2026-11-24T14:00:00Z'))).toMatchObject({ kind: 'send' })
  })

  it('applies quiet hours, holidays and the cloud’s marketing hours, not the campaign’s own windows', () => {
    const quiet = defaultPolicies({ quietHoursWindow: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:00' }] })
    expect(judgeTestSend('recall', stranger(), quiet, at('2026-11-24T08:30:00+08:00'))).toMatchObject({
      kind: 'refuse',
      reason: { en: expect.stringContaining('next allowed 2026-11-24 09:00') },
    })
    const holiday = defaultPolicies({ holidays: [{ date: '2026-10-01', start: '10:00', end: '21:00' }] })
    expect(judgeTestSend('recall', stranger(), holiday, at('2026-10-01T09:00:00+08:00'))).toMatchObject({
      kind: 'refuse',
      reason: { en: expect.stringContaining('only within the holiday hours 10:00–21:00 in Asia/Shanghai') },
    })
    const aliyun: ProviderSendRule = { label: { en: 'Aliyun', zh: '阿里云' }, timeZone: 'Asia/Shanghai', marketingWindow: { start: '08:00', end: '20:00' } }
    expect(judgeTestSend('recall', stranger(), defaultPolicies({ providerRules: { recall: aliyun } }), at('2026-11-24T20:30:00+08:00'))).toEqual({
      kind: 'refuse',
      code: 'window',
      reason: {
        en: 'Test not sent: outside Aliyun marketing hours 08:00–20:00 (Beijing); it is now 2026-11-24 20:30 Asia/Shanghai, next allowed 2026-11-25 08:00 Asia/Shanghai',
        zh: '测试未发送:不在阿里云营销短信发送时段 08:00–20:00(北京时间)内;现在是 11月24日 20:30(Asia/Shanghai),最早可于 11月25日 08:00(Asia/Shanghai)发送',
      },
    })
    // A weekday-mornings category window is when the campaign reaches its audience, not a rule for the phone.
    const mornings = defaultPolicies({ categoryWindows: { recall: [{ days: [1, 2, 3, 4, 5], start: '10:00', end: '12:00' }] } })
    expect(judgeTestSend('recall', stranger(), mornings, at('2026-11-24T15:00:00+08:00')).kind).toBe('send')
  })

  it('holds a transactional test to the legal window too, though a live transactional send goes at night', () => {
    const night = at('2026-11-24T23:30:00+08:00')
    expect(judgeTestSend('transactional', stranger(), policies, night)).toMatchObject({ kind: 'refuse', code: 'window' })
    const live = decideSend(
      { category: 'transactional', window: requiredWeeklyWindow('transactional', policies), onCapReached: 'skip', spreadKey: 'k' },
      contact(),
      policies,
      night,
    )
    expect(live).toEqual({ kind: 'send' })
    expect(judgeTestSend('transactional', stranger(), policies, at('2026-11-24T10:00:00+08:00')).kind).toBe('send')
  })
})
