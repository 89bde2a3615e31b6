import type { LocalizedText } from '../i18n'

/**
 * What the common codes in Aliyun's receipts (err_code) and Tencent's (report_status / errmsg) and
 * their send answers mean, for the message list and the contact's timeline. Codes the clouds add
 * later are shown as they come, unexplained.
 */
export const CARRIER_CODES: Record<string, LocalizedText> = {
  // Receipts: the carrier's verdict (Aliyun err_code, CMPP stat as Tencent passes it on).
  DELIVERED: { en: 'delivered to the handset', zh: '用户接收成功' },
  DELIVRD: { en: 'delivered to the handset', zh: '用户接收成功' },
  MOBILE_NOT_ON_SERVICE: { en: 'number suspended, empty, switched off or out of coverage', zh: '停机、空号、暂停服务、关机或不在服务区' },
  MOBILE_ACCOUNT_ABNORMAL: { en: "the subscriber's account is abnormal (in arrears, ported to another carrier)", zh: '用户账户异常(欠费、携号转网等)' },
  MOBILE_IN_BLACK: { en: "the number is on the platform's or carrier's block list (often opted out of this sign)", zh: '手机号在平台或运营商黑名单中(通常已退订该签名)' },
  MOBLLE_TERMINAL_ERROR: { en: 'handset problem: memory or SIM full, unsupported device', zh: '手机终端问题:内存满、SIM 卡满、非法设备等' },
  MOBILE_SEND_LIMIT: { en: "the number's daily or monthly limit was reached", zh: '单个号码日、月发送上限或频繁发送超限' },
  USER_REJECT: { en: 'the recipient refuses this service', zh: '用户已退订此业务或产品未开通' },
  CONTENT_KEYWORD: { en: "blocked by the carrier's keyword filter", zh: '内容关键字拦截' },
  CONTENT_ERROR: { en: 'marketing content without the opt-out wording', zh: '推广短信内容缺少退订信息' },
  INVALID_NUMBER: { en: 'invalid number (empty, suspended or malformed)', zh: '号码状态异常或格式错误' },
  IS_CLOSE: { en: 'the sending channel was shut down', zh: '短信下发通道被关停' },
  SIGNATURE_BLACKLIST: { en: 'the sign name is blocked', zh: '签名黑名单' },
  SP_NOT_BY_INTER_SMS: { en: 'the recipient has no international SMS service', zh: '收件人未开通国际短信功能' },
  SP_UNKNOWN_ERROR: { en: 'unknown carrier error', zh: '运营商未知错误' },
  REQUEST_SUCCESS: { en: 'accepted but the carrier never reported back', zh: '请求成功但未收到运营商回执' },
  EXPIRED: { en: 'not delivered in time (handset off for long)', zh: '超时未送达(长时间关机等)' },
  UNDELIV: { en: 'undeliverable', zh: '无法投递' },
  REJECTD: { en: 'rejected by the carrier', zh: '被运营商拒绝' },
  // Send answers: the cloud refused the request.
  'isv.MOBILE_NUMBER_ILLEGAL': { en: 'malformed number', zh: '手机号码格式错误' },
  'isv.BUSINESS_LIMIT_CONTROL': { en: "the cloud's flow control (per minute, hour or day for this number)", zh: '触发云平台流控(该号码分钟、小时或天级上限)' },
  'isv.DAY_LIMIT_CONTROL': { en: "the account's daily limit was reached", zh: '已达账号每日发送上限' },
  'isv.SMS_TEMPLATE_ILLEGAL': { en: 'the template is not approved or not in this account', zh: '模板未审核通过或不属于该账号' },
  'isv.SMS_SIGNATURE_ILLEGAL': { en: 'the sign name is not approved', zh: '签名未审核通过' },
  'isv.AMOUNT_NOT_ENOUGH': { en: 'the account balance is too low', zh: '账户余额不足' },
  'FailedOperation.PhoneNumberInBlacklist': { en: 'the number is on the do-not-disturb list (opted out)', zh: '手机号在免打扰名单中(用户已退订)' },
  'FailedOperation.MarketingSendTimeConstraint': { en: 'marketing messages go out only 08:00–22:00', zh: '营销短信只允许在 8 点到 22 点发送' },
  'FailedOperation.TemplateIncorrectOrUnapproved': { en: 'the template is not approved or does not match', zh: '模板未审批或内容不匹配' },
  'InvalidParameterValue.IncorrectPhoneNumber': { en: 'malformed number', zh: '手机号格式错误' },
  'LimitExceeded.PhoneNumberDailyLimit': { en: "the number's daily limit was reached", zh: '单个手机号日下发条数超过上限' },
  'LimitExceeded.PhoneNumberOneHourLimit': { en: "the number's hourly limit was reached", zh: '单个手机号 1 小时内下发条数超过上限' },
  'LimitExceeded.DeliveryFrequencyLimit': { en: "the account's frequency policy was hit", zh: '命中短信频率限制策略' },
}

/** The code's meaning, or undefined for one not in the table. */
export function explainCarrierCode(code: string | null | undefined): LocalizedText | undefined {
  return code ? CARRIER_CODES[code] : undefined
}

/** The timeline's line for a failed receipt: the code explained where the table knows it. */
export function undeliveredText(code: string | undefined): LocalizedText {
  const meaning = explainCarrierCode(code)
  if (meaning) return { en: `carrier could not deliver: ${meaning.en} (${code})`, zh: `运营商投递失败:${meaning.zh}(${code})` }
  return { en: `carrier could not deliver (${code ?? 'no code'})`, zh: `运营商投递失败(${code ?? '无错误码'})` }
}
