import { error, type Problem, printable } from '@recall/shared'

const QUOTE = 34
const BACKSLASH = 92
const COMMA = 44
const MINUS = 45
const COLON = 58
const OPEN_OBJECT = 123
const CLOSE_OBJECT = 125
const OPEN_ARRAY = 91
const CLOSE_ARRAY = 93

/** Where the string opened at `open` closes: the next quote not escaped by an odd run of backslashes. */
function stringEnd(text: string, open: number): number {
  let end = text.indexOf('"', open + 1)
  while (text.charCodeAt(end - 1) === BACKSLASH) {
    let slashes = 1
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++
    if (slashes % 2 === 0) break
    end = text.indexOf('"', end + 1)
  }
  return end
}

/**
 * The path (keys and array indexes) of the first key given twice in one object of `text`, or
 * undefined. JSON.parse keeps the last of two equal keys without a word, so {"consent":false,
 * "consent":true} would read as a yes. `text` must be JSON that JSON.parse has accepted: only
 * strings, brackets and commas then need telling apart, and strings are skipped with indexOf,
 * which keeps a 5 MB body's scan to a fraction of its parse.
 */
export function duplicateKeyPath(text: string): (string | number)[] | undefined {
  // Per open container: the keys it has had (null for an array), and its current key or index.
  const keys: (Set<string> | null)[] = []
  const at: (string | number)[] = []
  let expectKey = false
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index)
    // Digits, "-", "." and ":" make up most of what lies outside strings: passed over with one test.
    if (char >= MINUS && char <= COLON) continue
    if (char === QUOTE) {
      const end = stringEnd(text, index)
      if (expectKey) {
        const raw = text.slice(index + 1, end)
        // "\u0061" and "a" are one key: escapes are decoded before comparing.
        const key: string = raw.includes('\\') ? JSON.parse(text.slice(index, end + 1)) : raw
        const seen = keys[keys.length - 1] as Set<string>
        if (seen.has(key)) return [...at.slice(0, -1), key]
        seen.add(key)
        at[at.length - 1] = key
        expectKey = false
      }
      index = end
    } else if (char === OPEN_OBJECT) {
      keys.push(new Set())
      at.push('')
      expectKey = true
    } else if (char === OPEN_ARRAY) {
      keys.push(null)
      at.push(0)
      expectKey = false
    } else if (char === CLOSE_OBJECT || char === CLOSE_ARRAY) {
      keys.pop()
      at.pop()
      expectKey = false
    } else if (char === COMMA) {
      const top = keys.length - 1
      if (keys[top]) expectKey = true
      else at[top] = (at[top] as number) + 1
    }
  }
  return undefined
}

/** The refusal of a key given twice, by JSON Pointer under `basePath`. */
export function duplicateKeyProblem(path: readonly (string | number)[], basePath: string): Problem {
  const pointer = `${basePath}/${path.map((segment) => printable(String(segment))).join('/')}`
  return error('input.duplicate_key', pointer, {
    en: `${pointer} is given twice in one object, and JSON would keep only the last value; give it once`,
    zh: `${pointer} 在同一对象中出现了两次,JSON 只会保留最后一个值;请只给一次`,
  })
}

/** The key given twice in a JSON body, by JSON Pointer, as the one problem to refuse it with; none when every key is given once. */
export function duplicateKeyProblems(text: string, basePath: string): Problem[] {
  const path = duplicateKeyPath(text)
  return path ? [duplicateKeyProblem(path, basePath)] : []
}
