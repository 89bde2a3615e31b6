import { hasUnsafeCharacters, nestedDeeperThan, type Problem, printable, UNSAFE_CHARACTERS_RULE } from '@recall/shared'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { invalidRequest } from './errors'

/** Nesting levels any JSON body may have; free-form properties have a tighter limit of their own. */
export const MAX_JSON_DEPTH = 64

/** Enough to show what is wrong without echoing a whole hostile body back. */
const MAX_PROBLEMS = 20

function unsafeTextProblem(path: string): Problem {
  return {
    code: 'input.unsafe_characters',
    severity: 'error',
    path,
    message: { en: `${path} ${UNSAFE_CHARACTERS_RULE.en}`, zh: `${path} ${UNSAFE_CHARACTERS_RULE.zh}` },
  }
}

export function tooDeepProblem(path: string, limit: number): Problem {
  return {
    code: 'input.too_deep',
    severity: 'error',
    path,
    message: { en: `${path} is nested more than ${limit} levels deep`, zh: `${path} 嵌套超过 ${limit} 层` },
  }
}

/** Every string (and object key) in `value` holding a NUL or a lone surrogate, by JSON Pointer. */
function unsafeText(value: unknown, basePath: string, problems: Problem[]) {
  const pending: [unknown, string][] = [[value, basePath]]
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const [current, path] = pending.pop() as [unknown, string]
    if (typeof current === 'string') {
      if (hasUnsafeCharacters(current)) problems.push(unsafeTextProblem(path))
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      for (const [key, child] of Object.entries(current)) {
        const childPath = `${path}/${printable(key)}`
        if (hasUnsafeCharacters(key)) problems.push(unsafeTextProblem(childPath))
        pending.push([child, childPath])
      }
    }
  }
}

/** Bodies we read as JSON or as text; files (images, CSV contacts) are checked where they are read. */
const readsBody = (request: FastifyRequest) => typeof request.body === 'string' || /\bjson\b/i.test(String(request.headers['content-type'] ?? ''))

/**
 * One policy for every route, before its schema is checked: no text with NUL or unpaired
 * surrogates in the address, the query or the body, and no JSON nested deeper than anyone writes.
 * Refused with 400 naming the field, so nothing reaches the database that it would choke on.
 */
export const inputPolicyPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      const problems: Problem[] = []
      unsafeText(request.params, '/params', problems)
      unsafeText(request.query, '/querystring', problems)
      if (readsBody(request)) {
        if (nestedDeeperThan(request.body, MAX_JSON_DEPTH)) problems.push(tooDeepProblem('/body', MAX_JSON_DEPTH))
        else unsafeText(request.body, '/body', problems)
      }
      if (problems.length > 0) throw invalidRequest(problems)
    })
  },
  { name: 'input-policy', dependencies: ['errors'] },
)
