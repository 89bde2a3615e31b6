import { error, type Problem, printable } from '@recall/shared'

/** Enough to show what is wrong without echoing a whole hostile address back. */
const MAX_PROBLEMS = 20

/** A query part decoded as Fastify's parser decodes it ("+" is a space), or undefined when its percent-encoding is broken. */
function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replaceAll('+', ' '))
  } catch {
    return undefined
  }
}

function brokenEncodingProblem(name: string): Problem {
  const shown = printable(name)
  return error('query.invalid_encoding', `/querystring/${shown}`, {
    en: `Query parameter "${shown}" has broken percent-encoding: each % must start %XX with two hex digits, and the bytes must be UTF-8 (a % sign itself is %25)`,
    zh: `查询参数 "${shown}" 的百分号编码有误:每个 % 后须跟两位十六进制数,且字节须为有效的 UTF-8(% 本身写作 %25)`,
  })
}

/**
 * The query parameters of `url` whose name or value has broken percent-encoding (`%ZZ`, or bytes
 * that are not UTF-8 such as `%E0%A4%A`), by path. Fastify's query parser keeps such a value as
 * typed, so a search would look for the literal "%E0%A4%A"; the router already refuses a broken
 * path (url.invalid) but has no option for the query, and a custom query parser cannot refuse
 * (a throw there escapes the request). A parameter whose name is broken is named as typed.
 */
export function brokenQueryEncoding(url: string): Problem[] {
  const start = url.indexOf('?')
  // Most requests have no query, or none with a %: nothing to decode twice.
  if (start === -1 || !url.includes('%', start)) return []
  const problems: Problem[] = []
  for (const pair of url.slice(start + 1).split('&')) {
    if (problems.length === MAX_PROBLEMS) break
    if (!pair.includes('%')) continue
    const equals = pair.indexOf('=')
    const rawName = equals === -1 ? pair : pair.slice(0, equals)
    const name = decoded(rawName)
    if (name === undefined || (equals !== -1 && decoded(pair.slice(equals + 1)) === undefined)) problems.push(brokenEncodingProblem(name ?? rawName))
  }
  return problems
}
