/** What a reply to a marketing message asks for: to stop receiving them, or to start again. */
export type ReplyKeyword = 'stop' | 'start'

// The Chinese clouds' opt-out wordings (回T退订, 回TD退订, 拒收请回复R), 0000 (the mainland carriers'
// unsubscribe code), 取消订阅, and the usual English keywords (the set US carriers honour).
const STOP = new Set(['T', 'TD', '退订', 'R', '拒收', '0000', '取消订阅', 'STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'])
const START = new Set(['START', 'UNSTOP', '订阅'])

/** Spaces and punctuation around the word, ASCII or full-width ("退订。", " stop! ", "【TD】"). */
const AROUND = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu

/**
 * Reads an opt-out or opt-in keyword from a whole reply, in any case. Only the keyword alone
 * counts: "stop sending me this" is read by a person, not acted on blindly.
 */
export function readReplyKeyword(text: string): ReplyKeyword | undefined {
  const word = text.normalize('NFKC').replace(AROUND, '').toUpperCase()
  if (STOP.has(word)) return 'stop'
  if (START.has(word)) return 'start'
  return undefined
}
