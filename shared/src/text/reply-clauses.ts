import { hasStrongStop, joinSplitKeywords, madeOf, splitsInto, wordsOf } from './reply-reading'
import { ASKS_IN_ENGLISH, CHINESE_CODES, FILLERS, NEGATED, PLAIN_STOP_WORDS, START_WORDS, STOP_AS_NOUN, STOP_WORDS, WRITER_ACTS } from './reply-words'

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

function clausesOf(normalized: string): Clause[] {
  const clauses: Clause[] = []
  for (const [, sentence = '', end = ''] of joinSplitKeywords(normalized, false).matchAll(/([^.!?。…\n]*)([.!?。…\n]*)/gu)) {
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
