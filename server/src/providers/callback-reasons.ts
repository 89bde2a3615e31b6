import { type LocalizedText, UNSAFE_CHARACTERS_RULE } from '@recall/shared'

/** What a field must be: said of a cloud's record skipped for it, and of a relay's callback refused for it. */
export const RECORD_RULES = {
  text: { en: 'must be text', zh: '必须为文本' },
  isoTime: {
    en: 'must be a time in ISO 8601 with a zone (e.g. 2026-12-03T22:00:00+08:00)',
    zh: '必须是带时区的 ISO 8601 时间(例如 2026-12-03T22:00:00+08:00)',
  },
} satisfies Record<string, LocalizedText>

/**
 * Why a pushed record was skipped, or what stood in for a field that could not be read: said in a
 * webhook's answer beside the record's place and the field, in English and Chinese, each naming
 * the field as the provider sent it.
 */
export const CALLBACK_REASONS = {
  /** The default: the field is missing, empty or of the wrong type. */
  invalid: (field: string): LocalizedText => ({ en: `"${field}" is missing or not valid: the record was skipped`, zh: `"${field}" 缺失或无效:已跳过此记录` }),
  /** A batch's item that is not a JSON object at all. */
  notAnObject: { en: 'the record is not a JSON object: it was skipped', zh: '此记录不是 JSON 对象:已跳过' } satisfies LocalizedText,
  unsafe: (field: string): LocalizedText => ({ en: `"${field}" ${UNSAFE_CHARACTERS_RULE.en}: the record was skipped`, zh: `"${field}" ${UNSAFE_CHARACTERS_RULE.zh}:已跳过此记录` }),
  emptyReply: (field: string): LocalizedText => ({ en: `"${field}" is empty: a reply without text is not stored`, zh: `"${field}" 为空:不保存没有内容的回复` }),
  /** A reply whose text is a number, an object, true or null: never stored as "123" or "[object Object]". */
  notText: (field: string): LocalizedText => ({ en: `"${field}" ${RECORD_RULES.text.en}: the record was skipped`, zh: `"${field}" ${RECORD_RULES.text.zh}:已跳过此记录` }),
  /** A receipt's verdict that is none of the provider's values: never guessed into a failure or a delivery. */
  unknownStatus: (field: string, values: readonly string[]): LocalizedText => ({
    en: `"${field}" must be ${values.join(' or ')}: the receipt was not applied`,
    zh: `"${field}" 必须为 ${values.join(' 或 ')}:未应用此回执`,
  }),
  /** A time the record is still usable without: the time received stood in. */
  timeReceivedUsed: (field: string, expected: LocalizedText): LocalizedText => ({
    en: `"${field}" could not be read as a time (${expected.en} expected): the time received was used`,
    zh: `无法识别"${field}"中的时间(应为${expected.zh}):已使用接收时间`,
  }),
  /** A time later than the push itself (a provider's clock ahead of ours): the time received stood in. */
  futureTimeReceivedUsed: (field: string): LocalizedText => ({
    en: `"${field}" is later than the time the push was received: the time received was used`,
    zh: `"${field}" 晚于接收推送的时间:已使用接收时间`,
  }),
  /** A reply from a number no reading makes valid: kept, so no STOP is lost without a person seeing it. */
  numberKeptForReview: (field: string): LocalizedText => ({
    en: `"${field}" could not be read as a phone number: the reply is kept on the Replies page for review and nothing was opted out`,
    zh: `无法将"${field}"识别为手机号码:此回复已保留在"回复"页面待人工处理,未退订任何号码`,
  }),
}

/** The time formats the clouds push, as the reasons above name them. */
export const TIME_FORMATS = {
  beijing: { en: 'Beijing time "YYYY-MM-DD hh:mm:ss"', zh: '北京时间 "YYYY-MM-DD hh:mm:ss"' },
  unixSeconds: { en: 'Unix seconds', zh: 'Unix 时间戳(秒)' },
  isoWithZone: { en: 'ISO 8601 with a zone', zh: '带时区的 ISO 8601' },
} satisfies Record<string, LocalizedText>
