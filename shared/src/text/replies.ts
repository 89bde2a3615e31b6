import { asksToStop, closesWithStop, QUESTION } from './reply-clauses'
import { hasStrongStop, madeOf, normalizeReply, wordsOf } from './reply-reading'
import { COMPLAINTS, FILLERS, START_WORDS, STOP_WORDS } from './reply-words'

/** What a reply to a marketing message asks for: to stop receiving them, or to start again. */
export type ReplyKeyword = 'stop' | 'start'

/**
 * Up to this long, an opt-out phrase anywhere in a reply that is not a question is taken as meant: a stop with a
 * sentence of complaint around it is far likelier than a quote. Longer replies opt out by what they close with.
 */
const SHORT_REPLY = 70

/** The whole reply is keywords of `kind` (at least one) and filler words; a stop word beside a start word wins. */
function onlyKeywords(words: string[], keywords: readonly string[], alsoAllowed: readonly string[]): boolean {
  const any = [...keywords, ...alsoAllowed, ...FILLERS]
  return words.length > 0 && words.every((word) => madeOf(word, any)) && words.some((word) => !madeOf(word, [...alsoAllowed, ...FILLERS]))
}

/**
 * Reads an opt-out or opt-in from a reply, in any case, width or script. Stop when:
 * - the whole reply is opt-out keywords with filler words ("TD TD", "stop please", "请退订", "Ｔ Ｄ", "END");
 * - a short reply that is no question holds a strong opt-out phrase (退订, 拒收, 别再发…) that nothing negates;
 * - a reply of any length closes with, or holds as a sentence of its own, a plain opt-out ("…, please STOP",
 *   "……回复TD退订了", "退订。你们是谁?");
 * - a question asks to stop ("Can you take me off your list?", "能不能别发了", "为什么退订了还能收到?").
 * Start only when the whole reply is START or 订阅 with filler words, and never in a question. Anything else,
 * "NO", "N" and "不需要" included (they answer questions too), is left for a person to read.
 */
export function readReplyKeyword(text: string): ReplyKeyword | undefined {
  const normalized = normalizeReply(text)
  const words = wordsOf(normalized)
  const question = QUESTION.test(normalized)
  if (words.join('').length <= SHORT_REPLY && !question && hasStrongStop(words.join(''))) return 'stop'
  // "TD?" is still TD (as it always was): only words beside a keyword make a question of it.
  if (onlyKeywords(words, STOP_WORDS, START_WORDS)) return 'stop'
  if (closesWithStop(normalized)) return 'stop'
  if (asksToStop(normalized)) return 'stop'
  if (!question && onlyKeywords(words, START_WORDS, [])) return 'start'
  return undefined
}

/**
 * Whether a reply that opts out complains of the texts as it does (骚扰, 投诉, 举报, 工信部, "harassment", "I'll
 * report you"), not negated or asked about: its opt-out is the business's to lift after review, not the
 * writer's START. A reply that does not opt out is no complaint.
 */
export function replyComplains(text: string): boolean {
  if (readReplyKeyword(text) !== 'stop') return false
  return hasStrongStop(wordsOf(normalizeReply(text)).join(''), () => true, COMPLAINTS)
}
