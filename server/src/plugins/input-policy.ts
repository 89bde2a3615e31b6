import { FORBIDDEN_KEY_RULE, forbiddenKeyIn, hasUnsafeCharacters, type LocalizedText, nestedDeeperThan, type Problem, printable, UNSAFE_CHARACTERS_RULE } from '@recall/shared'
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { duplicateKeyProblems } from './duplicate-keys'
import { type ApiError, invalidRequest, refusalError } from './errors'
import { brokenQueryEncoding } from './query-encoding'
import { invalidJson, jsonFailureDetail } from './request-refusals'

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

function forbiddenKeyProblem(path: string): Problem {
  return { code: 'input.forbidden_key', severity: 'error', path, message: { en: `${path} ${FORBIDDEN_KEY_RULE.en}`, zh: `${path} ${FORBIDDEN_KEY_RULE.zh}` } }
}

/** `name` says what is too deep where a JSON Pointer would not (an NDJSON file's line). */
export function tooDeepProblem(path: string, limit: number, name: LocalizedText = { en: path, zh: path }): Problem {
  return {
    code: 'input.too_deep',
    severity: 'error',
    path,
    message: { en: `${name.en} is nested more than ${limit} levels deep`, zh: `${name.zh} 嵌套超过 ${limit} 层` },
  }
}

/** JSON.parse reads 1e400 as Infinity, which JSON.stringify then writes as null: the number would be lost without a word. */
function notFiniteProblem(path: string): Problem {
  return {
    code: 'input.not_finite',
    severity: 'error',
    path,
    message: {
      en: `${path} is too large a number: numbers must be finite (between -1.8e308 and 1.8e308)`,
      zh: `${path} 数值过大:数字必须为有限值(介于 -1.8e308 与 1.8e308 之间)`,
    },
  }
}

/**
 * Every string (and object key) in `value` holding a NUL or a lone surrogate, every number that is
 * not finite, and every field named for an object's prototype, by JSON Pointer. With `texts: false`
 * only the fields named for the prototype. Walked without recursion, so any depth is safe.
 */
export function unsafeValues(value: unknown, basePath: string, problems: Problem[] = [], { texts = true } = {}): Problem[] {
  const pending: [unknown, string][] = [[value, basePath]]
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const [current, path] = pending.pop() as [unknown, string]
    if (typeof current === 'string') {
      if (texts && hasUnsafeCharacters(current)) problems.push(unsafeTextProblem(path))
    } else if (typeof current === 'number') {
      if (texts && !Number.isFinite(current)) problems.push(notFiniteProblem(path))
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      // Only an object inheriting Object.prototype has the __proto__ accessor to be fooled by; the
      // query is parsed into objects without it, where the schemas refuse such a field as unknown.
      const forbidden = current instanceof Object ? forbiddenKeyIn(current) : undefined
      if (forbidden) problems.push(forbiddenKeyProblem(`${path}/${forbidden}`))
      for (const [key, child] of Object.entries(current)) {
        const childPath = `${path}/${printable(key)}`
        if (texts && hasUnsafeCharacters(key)) problems.push(unsafeTextProblem(childPath))
        pending.push([child, childPath])
      }
    }
  }
  return problems
}

/**
 * A body a route keeps as text (webhooks check their signature over the exact bytes) is still held
 * to the rules on a JSON body's shape when it is JSON, whatever its Content-Type says, since the
 * providers' readers parse it regardless: no field named for the prototype, no key given twice, no
 * deeper than MAX_JSON_DEPTH. Its texts and numbers are left to the route, which skips a record
 * holding a bad one rather than refusing the whole push (a cloud would retry it, then drop it).
 */
function jsonTextProblems(text: string): Problem[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return []
  }
  if (nestedDeeperThan(value, MAX_JSON_DEPTH)) return [tooDeepProblem('/body', MAX_JSON_DEPTH)]
  const forbidden = unsafeValues(value, '/body', [], { texts: false })
  return forbidden.length > 0 ? forbidden : duplicateKeyProblems(text, '/body')
}

function notUtf8Problem(path: string): Problem {
  return {
    code: 'input.invalid_utf8',
    severity: 'error',
    path,
    message: {
      en: `${path} is not valid UTF-8: some bytes do not form characters (a character cut off?); send the text encoded as UTF-8`,
      zh: `${path} 不是有效的 UTF-8:部分字节无法组成字符(可能有字符被截断);请以 UTF-8 编码发送`,
    },
  }
}

/** Decoding that fails on bytes that are not UTF-8, where Node's own decoding would turn them into U+FFFD unseen. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Bodies we read as JSON or as text; files (images, CSV contacts) are checked where they are read. */
const readsBody = (request: FastifyRequest) => typeof request.body === 'string' || /\bjson\b/i.test(String(request.headers['content-type'] ?? ''))

/**
 * Why Fastify's parser refused a body: it answers valid JSON holding a prototype key with the
 * same error as broken JSON, so the text is parsed again (only when refused) to name the key, or
 * where the JSON breaks.
 */
function whyNotJson(text: string): ApiError {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    return refusalError(invalidJson(jsonFailureDetail(cause, text)))
  }
  const problems = unsafeValues(value, '/body')
  return problems.length > 0 ? invalidRequest(problems) : refusalError(invalidJson())
}

/**
 * One policy for every route, before its schema is checked: a query whose percent-encoding
 * decodes, no text with NUL or unpaired surrogates in the address, the query or the body, no
 * JSON nested deeper than anyone writes, no key given twice in one JSON object, and no number
 * too large to be finite. JSON bodies must be valid UTF-8. A JSON body a route keeps as text (a
 * provider's callback) is held to the same rules on its shape (see jsonTextProblems).
 * Refused with 400 naming the field, so nothing reaches the database that it would choke on.
 */
export const inputPolicyPlugin = fp(
  async (app: FastifyInstance) => {
    // Every JSON body is read as bytes and decoded strictly, then parsed by Fastify's own parser
    // (same prototype-poisoning guards); a body it refuses is read again to say why. One it accepts
    // is scanned for a key given twice in an object, which JSON.parse would have settled silently.
    const parseJson = app.getDefaultJsonParser('error', 'error')
    // No route takes plain text: Fastify's own text parser handed "[]" sent as text/plain to a JSON
    // schema as a string ("must be a list"). Refused as an unsupported type (415) instead.
    app.removeContentTypeParser('text/plain')
    app.removeContentTypeParser('application/json')
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      let text: string
      try {
        text = strictUtf8.decode(body as Buffer)
      } catch {
        done(invalidRequest([notUtf8Problem('/body')]), undefined)
        return
      }
      parseJson(request, text, (error, value) => {
        if (error) {
          done((error as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? whyNotJson(text) : error, undefined)
          return
        }
        const duplicated = duplicateKeyProblems(text, '/body')
        done(duplicated.length > 0 ? invalidRequest(duplicated) : null, value)
      })
    })
    // Before the body is read or the caller checked: a query that does not decode is refused as it is.
    app.addHook('onRequest', async (request) => {
      const problems = brokenQueryEncoding(request.url)
      if (problems.length > 0) throw invalidRequest(problems)
    })
    app.addHook('preValidation', async (request) => {
      const problems: Problem[] = []
      unsafeValues(request.params, '/params', problems)
      unsafeValues(request.query, '/querystring', problems)
      if (readsBody(request)) {
        if (nestedDeeperThan(request.body, MAX_JSON_DEPTH)) problems.push(tooDeepProblem('/body', MAX_JSON_DEPTH))
        else unsafeValues(request.body, '/body', problems)
        if (typeof request.body === 'string' && problems.length === 0) problems.push(...jsonTextProblems(request.body))
      }
      if (problems.length > 0) throw invalidRequest(problems)
    })
  },
  { name: 'input-policy', dependencies: ['errors'] },
)
