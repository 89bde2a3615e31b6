import { hasStrongStop, joinSplitKeywords, madeOf, splitsInto, wordsOf } from './reply-reading'
import {
  ASKS_IN_ENGLISH,
  CHINESE_CODES,
  FILLERS,
  NEGATED,
  PLAIN_STOP_WORDS,
  POLITE_TAIL,
  REQUEST_OPENING,
  REQUEST_TAIL,
  START_WORDS,
  STILL_SENT,
  STOP_AS_NOUN,
  STOP_WORDS,
  WRITER_ACTS,
} from './reply-words'

/** A question ("拒收短信吗", "订阅?", "TD是什么") asks something: a person answers it. */
export const QUESTION = /[?]|[吗嘛么呢]\s*[\p{P}\p{S}\s]*$/u

/** A part of a reply between commas or sentence ends, as the reader takes it in. */
interface Clause {
  words: string[]
  compact: string
  /** The clause itself asks ("TD?", "退订吗", "what does TD mean?"). */
  asks: boolean
  /** It stands in a sentence that ends in a question ("TD, what is that?"). */
  inQuestion: boolean
}

// Codes whose meaning a person may not know, so "TD, 是什么意思?" asks about TD; 退订 and STOP say what they mean.
const CODES = ['T', 'TD', 'R', '0000']
// How much may follow a closing opt-out phrase in its clause ("别再给我发短信了谢谢", "stop texting me anymore").
const CLOSING_TAIL = 16
// Commas and their kin, and a dash between words ("not interested - STOP"); "T-D" is joined into TD before this.
const CLAUSE_BREAK = /[,;:、~]|\s+[-–—]+\s*|[–—]+/u

/** The reply's sentences, each with what ends it ("?", "。", nothing). */
function sentencesOf(normalized: string): [sentence: string, end: string][] {
  return [...joinSplitKeywords(normalized, false).matchAll(/([^.!?。…\n]*)([.!?。…\n]*)/gu)].map(([, sentence = '', end = '']) => [sentence, end])
}

function clausesOf(normalized: string): Clause[] {
  const clauses: Clause[] = []
  for (const [sentence, end] of sentencesOf(normalized)) {
    const sentenceAsks = QUESTION.test(sentence + end)
    const parts = sentence.split(CLAUSE_BREAK)
    parts.forEach((part, index) => {
      const words = wordsOf(part)
      if (words.length === 0) return
      const closesSentence = index === parts.length - 1
      const asks = (closesSentence ? sentenceAsks : QUESTION.test(part)) || ASKS_IN_ENGLISH.test(words.join(' '))
      clauses.push({ words, compact: words.join(''), asks, inQuestion: sentenceAsks })
    })
  }
  return clauses
}

const filler = (word: string): boolean => madeOf(word, FILLERS)

/** A Latin word is the keyword; a run of Chinese holds it ("退订了"). */
function mentions(word: string, keywords: readonly string[]): boolean {
  return /^[A-Z0-9]/.test(word) ? keywords.includes(word) : keywords.some((keyword) => word.includes(keyword))
}

/** The clause is opt-out keywords and filler words ("please STOP", "请退订", "回复TD退订了"), one of them a plain one. */
function isKeywordClause(clause: Clause, plain: readonly string[]): boolean {
  if (!clause.words.every((word) => madeOf(word, [...STOP_WORDS, ...START_WORDS, ...FILLERS]))) return false
  // In a question only a word that says what it means counts: "TD, 是什么意思?" asks about TD.
  const counted = clause.inQuestion ? plain.filter((word) => !CODES.includes(word)) : plain
  return clause.words.some((word) => mentions(word, counted))
}

/** An opt-out phrase opens the clause ("stop texting me, …", "别再发了，好吗") or, in the closing clause, ends it. */
function isPhraseClause(clause: Clause, closing: boolean): boolean {
  return hasStrongStop(clause.compact, (before, after) => splitsInto(before, FILLERS) || (closing && after.length <= CLOSING_TAIL))
}

/** The closing clause ends in STOP ("Thanks but I'm not interested anymore STOP"), not a negated, noun or writer's own stop. */
function endsInStopWord(clause: Clause, plain: readonly string[]): boolean {
  const words = [...clause.words]
  while (words.length > 1 && filler(words.at(-1) ?? '')) words.pop()
  const last = words.pop() ?? ''
  if (!plain.includes(last) || last.length === 1) return false
  const before = words.at(-1) ?? ''
  return !STOP_AS_NOUN.includes(before) && !NEGATED.test(words.join('')) && !WRITER_ACTS.test(` ${words.join(' ')}`)
}

/**
 * Whether a reply of any length makes a clear opt-out its closing instruction ("…, please STOP", "……请退订") or a
 * standalone one ("退订。你们是谁?", "Stop texting me, who gave you my number?"): a person who said stop and kept
 * getting texts is the worse mistake, so no length makes a plain stop a matter for review. Questions about a word
 * ("what does TD mean?"), negations ("我没有退订") and other meanings ("stop by the store") are not instructions.
 */
export function closesWithStop(normalized: string): boolean {
  const clauses = clausesOf(normalized)
  const plain = /\p{Script=Han}/u.test(normalized) ? [...PLAIN_STOP_WORDS, ...CHINESE_CODES] : PLAIN_STOP_WORDS
  const closing = clauses.findLast((clause) => !clause.words.every(filler))
  return clauses.some(
    (clause) => !clause.asks && (isKeywordClause(clause, plain) || isPhraseClause(clause, clause === closing) || (clause === closing && endsInStopWord(clause, plain))),
  )
}

/** The words say stop: an opt-out phrase, or a plain stop word nothing negates ("after I replied STOP", "我已经退订了"). */
function saysStop(compact: string, plain: readonly string[]): boolean {
  if (hasStrongStop(compact)) return true
  return plain.some((word) => {
    for (let at = compact.indexOf(word); at >= 0; at = compact.indexOf(word, at + 1)) if (!NEGATED.test(compact.slice(0, at))) return true
    return false
  })
}

/**
 * Whether a question asks Recall to stop rather than asks about stopping: a request ("Can you please remove me from
 * your list?", "可以帮我退订吗", "别再发了好吗?", "能不能别发了") or a complaint that the texts go on after a stop
 * ("Why am I still getting these after I replied STOP?", "我已经退订了,为什么还能收到?"). A question about a word
 * ("TD是什么意思", "怎么退订") or a condition ("如果我退订…吗") asks something a person answers.
 */
export function asksToStop(normalized: string): boolean {
  const compact = wordsOf(normalized).join('')
  const still = STILL_SENT.exec(compact)
  // Codes longer than a letter only: in words run together a T or R is in every other word.
  const plain = PLAIN_STOP_WORDS.filter((word) => word.length > 1).concat(/\p{Script=Han}/u.test(normalized) ? ['TD'] : [])
  if (still && (saysStop(compact.slice(0, still.index), plain) || saysStop(compact.slice(still.index + still[0].length), plain))) return true
  return sentencesOf(normalized).some(([sentence]) => {
    // Filler words after the request ("…off your list please?") say nothing of their own.
    const words = wordsOf(sentence)
      .filter((_word, index, all) => !all.slice(index).every(filler))
      .join('')
    const opening = REQUEST_OPENING.exec(words)?.[0] ?? ''
    if (!opening && !POLITE_TAIL.test(words)) return false
    const request = words.slice(opening.length).replace(REQUEST_TAIL, '')
    if (splitsInto(request, FILLERS)) return false
    // After an opening the request follows it ("can you please stop…"); a polite tail may close a longer sentence.
    const accept = (before: string, after: string) => (!opening || splitsInto(before, FILLERS)) && after.length <= CLOSING_TAIL
    return splitsInto(request, [...plain, ...FILLERS]) || hasStrongStop(request, accept)
  })
}
