import { ASKED_AFTER, ASKED_BEFORE, COMPLAINT_OF_SOMETHING_ELSE, KEYWORDS, NEGATED, NOT_A_MESSAGE, STRONG_STOP } from './reply-words'

// Traditional forms of the characters the phrases use ("退訂", "謝謝", "別發了").
const SIMPLIFIED: Record<string, string> = {
  訂: '订',
  謝: '谢',
  發: '发',
  別: '别',
  擾: '扰',
  閱: '阅',
  請: '请',
  絕: '绝',
  嗎: '吗',
  麼: '么',
  覆: '复',
  複: '复',
  開: '开',
  續: '续',
  復: '复',
}
const TRADITIONAL = new RegExp(`[${Object.keys(SIMPLIFIED).join('')}]`, 'gu')

/**
 * One width, one script, one case; "don't" and "I'm" as one word (DONT, IM), as people read them; no invisible
 * characters ("ST\u200bOP"); a stretched STOP ("STOPP", "Stooop") as STOP.
 */
export function normalizeReply(text: string): string {
  return text
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/gu, '')
    .normalize('NFKC')
    .replace(TRADITIONAL, (character) => SIMPLIFIED[character] ?? character)
    .toUpperCase()
    .replace(/(?<=[A-Z])['’ʼ`](?=[A-Z])/g, '')
    .replace(/(?<![A-Z])S+T+O+P+(?![A-Z])/g, 'STOP')
}

/**
 * Letters standing alone that spell a keyword ("T D", "t.d.", "Ｔ Ｄ") joined into it, as is "opt out". Runs of
 * Chinese split by spaces or dots ("退 订") are joined when `allSeparators` is false; by any punctuation when true.
 */
export function joinSplitKeywords(text: string, allSeparators: boolean): string {
  const hanGap = allSeparators ? /(?<=\p{Script=Han})[^A-Z0-9\p{Script=Han}]+(?=\p{Script=Han})/gu : /(?<=\p{Script=Han})[\s.·・\-_]+(?=\p{Script=Han})/gu
  return text
    .replace(/(?<![A-Z])([A-Z])(?:[^A-Z0-9\p{Script=Han}]+([A-Z])(?![A-Z]))+/gu, (run) => {
      const joined = run.replace(/[^A-Z]/g, '')
      return KEYWORDS.includes(joined) ? joined : run
    })
    .replace(/\bOPT[^A-Z0-9\p{Script=Han}]*OUT\b/gu, 'OPTOUT')
    .replace(hanGap, '')
}

/** Letters or digits, or a run of Chinese; everything else (spaces, punctuation, emoji) separates. */
export function wordsOf(text: string): string[] {
  return joinSplitKeywords(text, true).match(/[A-Z0-9]+|\p{Script=Han}+/gu) ?? []
}

/** Whether `text` is nothing but `words` one after another ("我要退订了", "PLEASEJUST"). */
export function splitsInto(text: string, words: readonly string[]): boolean {
  const reachable = [true]
  for (let end = 1; end <= text.length; end++)
    reachable[end] = words.some((word) => end >= word.length && reachable[end - word.length] === true && text.startsWith(word, end - word.length))
  return reachable[text.length] === true
}

/**
 * Whether a Latin word is one of the words, or a run of Chinese is made only of them ("我要退订了").
 * Latin words are never split: "TEND" is not T + END, "RR" not R + R.
 */
export function madeOf(run: string, words: readonly string[]): boolean {
  if (/^[A-Z0-9]/.test(run)) return words.includes(run)
  return splitsInto(run, words)
}

/**
 * Whether the words run together (`compact`) hold an opt-out phrase (of `phrases`, STRONG_STOP by default) that
 * nothing negates or asks about, and that `accept` takes, given what stands before and after it.
 */
export function hasStrongStop(compact: string, accept: (before: string, after: string) => boolean = () => true, phrases: readonly string[] = STRONG_STOP): boolean {
  return phrases.some((phrase) => {
    for (let at = compact.indexOf(phrase); at >= 0; at = compact.indexOf(phrase, at + 1)) {
      const before = compact.slice(0, at)
      const after = compact.slice(at + phrase.length)
      if (NEGATED.test(before) || ASKED_BEFORE.test(before) || ASKED_AFTER.test(after)) continue
      if ((phrase.endsWith('发') || phrase.endsWith('收到')) && NOT_A_MESSAGE.test(after)) continue
      if (phrase === '投诉' && COMPLAINT_OF_SOMETHING_ELSE.test(after)) continue
      if (accept(before, after)) return true
    }
    return false
  })
}
