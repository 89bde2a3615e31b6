import { storedActorText } from '../actor'
import type { LocalizedText } from '../i18n'

/**
 * Who opted a person or a number out. Only `reply` (the person's own T/TD/退订/STOP) is lifted by their
 * START: an import's opt-out column (黑名单, DNC), a colleague's "opt out this number" (`admin`) or a
 * reply that complains (骚扰, 投诉) stays until a colleague lifts it on the Replies page.
 */
export type OptOutSource = 'reply' | 'import' | 'admin' | 'complaint'

/** One opt-out: when (ms), how, and the colleague who made it when it was theirs (`admin`). */
export interface OptOutRecord {
  at: number
  source: OptOutSource
  by?: string | null | undefined
}

/**
 * Whose opt-out stops a contact's marketing: the person's own (it follows them to any number), or only
 * the number's, made before they held it (or for another contact with the same number).
 */
export interface WhoseOptOut {
  whose: 'person' | 'number'
  record: OptOutRecord
}

/** The person's own opt-out when they have one (it is what they did), else the number's. */
export function stoppingOptOut(own: OptOutRecord | undefined, number: OptOutRecord | undefined): WhoseOptOut | undefined {
  if (own) return { whose: 'person', record: own }
  return number && { whose: 'number', record: number }
}

const PERSON: Record<OptOutSource, LocalizedText> = {
  reply: { en: 'this person opted out at {time} by replying to opt out', zh: '此人已于 {time} 回复退订' },
  import: { en: 'this person was imported as opted out at {time}', zh: '此人已于 {time} 由导入标记为退订' },
  admin: { en: '{by} opted this person out at {time}', zh: '{by} 已于 {time} 将此人退订' },
  complaint: { en: 'this person complained at {time} and is opted out', zh: '此人已于 {time} 投诉并退订' },
}

const NUMBER: LocalizedText = {
  en: "not this person's own opt-out: their number was opted out at {time} ({how}), before they held it or for another contact with it",
  zh: '并非此人本人退订:此号码已于 {time} 被退订({how}),早于此人使用该号码,或是为使用同一号码的其他联系人退订',
}

/** How a number was opted out, as a phrase inside another sentence. */
const NUMBER_HOW: Record<OptOutSource, LocalizedText> = {
  reply: { en: 'a reply from the number', zh: '此号码回复退订' },
  import: { en: 'an import', zh: '导入' },
  admin: { en: 'by {by}', zh: '由 {by} 操作' },
  complaint: { en: 'a complaint from the number', zh: '此号码投诉' },
}

/** Who may lift it: only a reply's opt-out is lifted by a START alone (see replies/opt-in.ts on the server). */
const LIFT = {
  person: {
    own: { en: 'it follows them to any number; their own START reply lifts it', zh: '换用任何号码都有效;本人回复订阅可恢复' },
    colleague: { en: 'only a colleague can lift it, on the Replies page after a START reply from them', zh: '本人回复订阅后,只能由同事在"回复"页面解除' },
  },
  number: {
    own: { en: 'a START reply from the number lifts it', zh: '此号码回复订阅即可恢复' },
    colleague: { en: 'a colleague can lift it on the Replies page after a START reply from the number', zh: '此号码回复订阅后,可由同事在"回复"页面解除' },
  },
} satisfies Record<WhoseOptOut['whose'], Record<'own' | 'colleague', LocalizedText>>

/** A colleague the record does not name (an opt-out kept from before names were). */
const SOMEONE: LocalizedText = { en: 'a colleague', zh: '同事' }

function fill(text: LocalizedText, values: Record<string, LocalizedText>): LocalizedText {
  const put = (template: string, locale: keyof LocalizedText) => template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name]?.[locale] ?? whole)
  return { en: put(text.en, 'en'), zh: put(text.zh, 'zh') }
}

const named = (record: OptOutRecord): LocalizedText => (record.by ? storedActorText(record.by) : SOMEONE)

/** "an import", "by Ada": how a number was opted out. */
export function numberOptOutHow(record: OptOutRecord): LocalizedText {
  return fill(NUMBER_HOW[record.source], { by: named(record) })
}

/**
 * Whose opt-out stops the contact, when and how, and who may lift it, as one clause (no capital, no
 * full stop) that the timeline puts after "exited:" or "cancelled:" and the contact page shows as a
 * sentence. `time` is the opt-out's time as the reader's place writes it.
 */
export function describeOptOut(optOut: WhoseOptOut, time: LocalizedText): LocalizedText {
  const { whose, record } = optOut
  const what = whose === 'person' ? fill(PERSON[record.source], { time, by: named(record) }) : fill(NUMBER, { time, how: numberOptOutHow(record) })
  const lift = LIFT[whose][record.source === 'reply' ? 'own' : 'colleague']
  return { en: `${what.en}; ${lift.en}`, zh: `${what.zh};${lift.zh}` }
}
