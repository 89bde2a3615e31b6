import { type Locale, type LocalizedText, localeFromAcceptLanguage, localize, type Problem, schemaProblems } from '@recall/shared'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { TSchema } from 'typebox'
import { repeatedQueryProblems } from './repeated-query'
import { frameworkRefusal, type Refusal } from './request-refusals'

/** An error a person can act on: an HTTP status, a code, a bilingual message, the problems by field. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly localized: LocalizedText,
    readonly problems: Problem[] = [],
    /** Headers the answer carries, e.g. a 429's Retry-After. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(localized.en)
  }
}

export function requestLocale(request: FastifyRequest): Locale {
  return localeFromAcceptLanguage(request.headers['accept-language'])
}

export function send(reply: FastifyReply, request: FastifyRequest, error: ApiError) {
  const locale = requestLocale(request)
  return reply
    .status(error.statusCode)
    .headers(error.headers)
    .send({
      error: error.code,
      message: localize(error.localized, locale),
      problems: error.problems.map((problem) => ({ ...problem, text: localize(problem.message, locale) })),
    })
}

/** The message names what is wrong ("Click rate must be at most 1"), not just that something is. */
function summary(problems: Problem[]): LocalizedText {
  return { en: problems.map((problem) => problem.message.en).join('; '), zh: problems.map((problem) => problem.message.zh).join(';') }
}

/** 400 with the problems by field: what every refused input answers. */
export function invalidRequest(problems: Problem[]): ApiError {
  return new ApiError(400, 'invalid_request', summary(problems), problems)
}

/** A request refused as a whole, in the one shape: its code, and one problem naming where. */
export function refusalError(refusal: Refusal): ApiError {
  return new ApiError(refusal.status, refusal.code, refusal.text, [{ code: refusal.code, severity: 'error', path: refusal.path, message: refusal.text }])
}

/** A refusal Fastify raised before our code ran, in the API's one shape; never Fastify's internal code. */
export function frameworkError(error: FastifyError, request: FastifyRequest): ApiError {
  const refusal = frameworkRefusal(error, request)
  if (refusal) return refusalError(refusal)
  const code = !error.code || error.code.startsWith('FST_') ? 'bad_request' : error.code
  return new ApiError(error.statusCode ?? 400, code, { en: error.message, zh: `请求错误:${error.message}` })
}

/**
 * Validation with the same TypeBox schemas and the same bilingual messages as the journey
 * validator, and one error shape for every failure: `{ error, message, problems[] }` in the
 * request's language. Unexpected errors never leak internals.
 */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setValidatorCompiler(({ schema, httpPart }) => (data: unknown) => {
      const basePath = `/${httpPart ?? 'body'}`
      const repeated = httpPart === 'querystring' ? repeatedQueryProblems(schema as TSchema, data, basePath) : []
      // A repeated field is said once, as repeated, not again as "must be text".
      const problems = [...repeated, ...schemaProblems(schema as TSchema, data, basePath).filter((problem) => !repeated.some((found) => found.path === problem.path))]
      return problems.length === 0 ? { value: data } : { error: invalidRequest(problems) }
    })
    app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
      // Validation failures arrive here as the ApiError the validator built.
      if (error instanceof ApiError) return send(reply, request, error)
      if (error.statusCode && error.statusCode < 500) return send(reply, request, frameworkError(error, request))
      request.log.error(error)
      return send(reply, request, new ApiError(500, 'internal', { en: 'Something went wrong on our side; nothing was changed', zh: '服务器内部错误,未做任何更改' }))
    })
    app.setNotFoundHandler((request, reply) =>
      send(reply, request, new ApiError(404, 'not_found', { en: `No route ${request.method} ${request.url}`, zh: `不存在的接口 ${request.method} ${request.url}` })),
    )
  },
  { name: 'errors' },
)
