import { describe, expect, it } from 'vitest'
import { CARRIER_CODES, explainCarrierCode, undeliveredText } from '../src/index'

describe('carrier codes', () => {
  it('explains the common Aliyun and Tencent codes in both languages', () => {
    expect(explainCarrierCode('MOBILE_NOT_ON_SERVICE')).toEqual({ en: 'number suspended, empty, switched off or out of coverage', zh: '停机、空号、暂停服务、关机或不在服务区' })
    expect(explainCarrierCode('DELIVRD')).toEqual({ en: 'delivered to the handset', zh: '用户接收成功' })
    expect(explainCarrierCode('MOBILE_ACCOUNT_ABNORMAL')?.zh).toBe('用户账户异常(欠费、携号转网等)')
    expect(explainCarrierCode('FailedOperation.PhoneNumberInBlacklist')?.en).toBe('the number is on the do-not-disturb list (opted out)')
    expect([explainCarrierCode('MK:0001'), explainCarrierCode(null), explainCarrierCode('')]).toEqual([undefined, undefined, undefined])
    for (const [code, text] of Object.entries(CARRIER_CODES)) expect([code, text.en.length > 0, /[\u4e00-\u9fff]/.test(text.zh)]).toEqual([code, true, true])
  })

  it("words the timeline's line for an undelivered message", () => {
    expect(undeliveredText('MOBILE_IN_BLACK')).toEqual({
      en: "carrier could not deliver: the number is on the platform's or carrier's block list (often opted out of this sign) (MOBILE_IN_BLACK)",
      zh: '运营商投递失败:手机号在平台或运营商黑名单中(通常已退订该签名)(MOBILE_IN_BLACK)',
    })
    expect(undeliveredText('MK:0001')).toEqual({ en: 'carrier could not deliver (MK:0001)', zh: '运营商投递失败(MK:0001)' })
    expect(undeliveredText(undefined)).toEqual({ en: 'carrier could not deliver (no code)', zh: '运营商投递失败(无错误码)' })
  })
})
