import { type Locale, type LocalizedText, localeFromAcceptLanguage, localize, type Problem, schemaProblems } from '@recall/shared'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { TSchema } from 'typebox'

/** An error a person can act on: an HTTP status, a code, a bilingual message, the problems by field. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly localized: LocalizedText,
    readonly problems: Problem[] = [],
  ) {
    super(localized.en)
  }
}

export function requestLocale(request: FastifyRequest): Locale {
  return localeFromAcceptLanguage(request.headers['accept-language'])
}

function send(reply: FastifyReply, request: FastifyRequest, error: ApiError) {
  const locale = requestLocale(request)
  return reply.status(error.statusCode).send({
    error: error.code,
    message: localize(error.localized, locale),
    problems: error.problems.map((problem) => ({ ...problem, text: localize(problem.message, locale) })),
  })
}

/** The message names what is wrong ("Click rate must be at most 1"), not just that something is. */
function summary(problems: Problem[]): LocalizedText {
  return { en: problems.map((problem) => problem.message.en).join('; '), zh: problems.map((problem) => problem.message.zh).join(';') }
}

/**
 * Validation with the same TypeBox schemas and the same bilingual messages as the journey
 * validator, and one error shape for every failure: `{ error, message, problems[] }` in the
 * request's language. Unexpected errors never leak internals.
 */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setValidatorCompiler(({ schema, httpPart }) => (data: unknown) => {
      const problems = schemaProblems(schema as TSchema, data, `/${httpPart ?? 'body'}`)
      return problems.length === 0 ? { value: data } : { error: new ApiError(400, 'invalid_request', summary(problems), problems) }
    })
    app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
      // Validation failures arrive here as the ApiError the validator built.
      if (error instanceof ApiError) return send(reply, request, error)
      if (error.statusCode && error.statusCode < 500) {
        return send(reply, request, new ApiError(error.statusCode, error.code ?? 'bad_request', { en: error.message, zh: `请求错误:${error.message}` }))
      }
      request.log.error(error)
      return send(reply, request, new ApiError(500, 'internal', { en: 'Something went wrong on our side; nothing was changed', zh: '服务器内部错误,未做任何更改' }))
    })
    app.setNotFoundHandler((request, reply) =>
      send(reply, request, new ApiError(404, 'not_found', { en: `No route ${request.method} ${request.url}`, zh: `不存在的接口 ${request.method} ${request.url}` })),
    )
  },
  { name: 'errors' },
)
