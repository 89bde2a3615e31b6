/** What a reply to a marketing message asks for: to stop receiving them, or to start again. */
export type ReplyKeyword = 'stop' | 'start'

// The Chinese clouds' opt-out wordings (回T退订, 回TD退订, 拒收请回复R), 0000 (the mainland carriers'
// unsubscribe code), 取消订阅, 取消 (like CANCEL), and the usual English keywords (the set US carriers honour).
const STOP_WORDS = ['T', 'TD', 'R', '0000', '退订', '拒收', '取消订阅', '取消', '停止', 'STOP', 'STOPALL', 'UNSUBSCRIBE', 'UNSUB', 'OPTOUT', 'CANCEL', 'END', 'QUIT']
const START_WORDS = ['START', 'UNSTOP', '订阅']
const KEYWORDS = [...STOP_WORDS, ...START_WORDS]
// Words that say nothing of their own around a keyword ("stop please", "请退订", "退订谢谢", "回T").
const FILLERS = ['PLEASE', 'PLS', 'ME', 'NOW', 'THANKS', 'THANK', 'YOU', 'THX', '谢谢', '请', '我要', '了', '回', '回复', '吧', '啊', '哦', '麻烦']

// Phrases that ask to stop wherever they stand in a short reply ("好的,别再发了"), unless negated.
const STRONG_STOP = [
  '退订',
  '拒收',
  '取消订阅',
  '取消短信',
  '不要再发',
  '不要发',
  '别再发',
  '别发',
  '别给我发',
  '不要给我发',
  '不要再给我发',
  '请勿再发',
  '勿发',
  '停止发送',
  '勿扰',
  '勿打扰',
  '别打扰',
  '不要打扰',
  '别再打扰',
  '不要再打扰',
  // English phrases as the reply's words run together ("stop texting me" reads STOPTEXTINGME).
  'STOPTEXTING',
  'STOPSENDING',
  'STOPMESSAGING',
  'STOPIT',
  'DONTTEXT',
  'DONOTTEXT',
  'NOMORETEXTS',
  'NOMOREMESSAGES',
  'REMOVEME',
  'UNSUBSCRIBEME',
]
const NEGATED = /(不|没|没有|别|未|无需|不要|不想|不用|不会|不是|DONT|DONOT|NOT|NEVER)$/
/**
 * A longer message is read by a person: a phrase in it may be quoted or part of a question. Long
 * enough for a stop with a sentence of complaint around it, which is far likelier than a quote.
 */
const SHORT_REPLY = 70

// Traditional forms of the characters the phrases use ("退訂", "謝謝", "別發了").
const SIMPLIFIED: Record<string, string> = { 訂: '订', 謝: '谢', 發: '发', 別: '别', 擾: '扰', 閱: '阅', 請: '请', 絕: '绝', 嗎: '吗', 麼: '么', 覆: '复', 複: '复' }
const TRADITIONAL = new RegExp(`[${Object.keys(SIMPLIFIED).join('')}]`, 'gu')

/** A question ("拒收短信吗", "订阅?") asks something: a person answers it. */
const QUESTION = /[?？]|[吗嘛么呢]\s*[\p{P}\p{S}\s]*$/u

/**
 * Letters or digits, or a run of Chinese; everything else (spaces, punctuation, emoji) separates.
 * Letters standing alone that spell a keyword ("T D", "t.d.", "Ｔ Ｄ") are joined into it, as are "opt out" and
 * Chinese split by spaces or punctuation ("退 订").
 */
function wordsOf(text: string): string[] {
  const spaced = text
    .replace(/(?<![A-Z])([A-Z])(?:[^A-Z0-9\p{Script=Han}]+([A-Z])(?![A-Z]))+/gu, (run) => {
      const joined = run.replace(/[^A-Z]/g, '')
      return KEYWORDS.includes(joined) ? joined : run
    })
    .replace(/\bOPT[^A-Z0-9\p{Script=Han}]*OUT\b/gu, 'OPTOUT')
    .replace(/(?<=\p{Script=Han})[^A-Z0-9\p{Script=Han}]+(?=\p{Script=Han})/gu, '')
  return spaced.match(/[A-Z0-9]+|\p{Script=Han}+/gu) ?? []
}

/**
 * Whether a Latin word is one of the words, or a run of Chinese is made only of them ("我要退订了").
 * Latin words are never split: "TEND" is not T + END, "RR" not R + R.
 */
function madeOf(run: string, words: readonly string[]): boolean {
  if (/^[A-Z0-9]/.test(run)) return words.includes(run)
  const reachable = [true]
  for (let end = 1; end <= run.length; end++)
    reachable[end] = words.some((word) => end >= word.length && reachable[end - word.length] === true && run.startsWith(word, end - word.length))
  return reachable[run.length] === true
}

function hasStrongStop(compact: string): boolean {
  return STRONG_STOP.some((phrase) => {
    for (let at = compact.indexOf(phrase); at >= 0; at = compact.indexOf(phrase, at + 1)) if (!NEGATED.test(compact.slice(0, at))) return true
    return false
  })
}

/** The whole reply is keywords of `kind` (at least one) and filler words; a stop word beside a start word wins. */
function onlyKeywords(words: string[], keywords: readonly string[], alsoAllowed: readonly string[]): boolean {
  const any = [...keywords, ...alsoAllowed, ...FILLERS]
  return words.length > 0 && words.every((word) => madeOf(word, any)) && words.some((word) => !madeOf(word, [...alsoAllowed, ...FILLERS]))
}

/**
 * Reads an opt-out or opt-in from a reply, in any case, width or script. Stop when a short reply
 * holds a strong opt-out phrase (退订, 拒收, 别再发…) that nothing negates, or when the whole reply is
 * opt-out keywords with filler words ("TD TD", "stop please", "请退订", "Ｔ Ｄ"). Start only when the
 * whole reply is START or 订阅 with filler words, and never in a question. Anything else, "NO",
 * "N" and "不需要" included (they answer questions too), is left for a person to read.
 */
export function readReplyKeyword(text: string): ReplyKeyword | undefined {
  const normalized = text
    .normalize('NFKC')
    .replace(TRADITIONAL, (character) => SIMPLIFIED[character] ?? character)
    .toUpperCase()
  const words = wordsOf(normalized)
  const compact = words.join('')
  const question = QUESTION.test(normalized)
  if (compact.length <= SHORT_REPLY && !question && hasStrongStop(compact)) return 'stop'
  // "TD?" is still TD (as it always was): only words beside a keyword make a question of it.
  if (onlyKeywords(words, STOP_WORDS, START_WORDS)) return 'stop'
  if (!question && onlyKeywords(words, START_WORDS, [])) return 'start'
  return undefined
}
