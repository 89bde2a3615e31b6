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

export function send(reply: FastifyReply, request: FastifyRequest, error: ApiError) {
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

/** 400 with the problems by field: what every refused input answers. */
export function invalidRequest(problems: Problem[]): ApiError {
  return new ApiError(400, 'invalid_request', summary(problems), problems)
}

const kilobytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`)

/** Fastify's own refusals (body too large, wrong type, broken JSON or URL), said in both languages. */
function frameworkText(error: FastifyError, request: FastifyRequest): LocalizedText | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = kilobytes(request.routeOptions.bodyLimit ?? 0)
      return { en: `The request body is too large: this route accepts at most ${limit}`, zh: `请求内容过大:此接口最多接受 ${limit}` }
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const type = String(request.headers['content-type'] ?? '').slice(0, 100)
      return { en: `This route does not accept Content-Type "${type}"`, zh: `此接口不接受 Content-Type "${type}"` }
    }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { en: 'The body is not valid JSON', zh: '请求内容不是有效的 JSON' }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { en: 'The body is empty but Content-Type says JSON', zh: '请求内容为空,但 Content-Type 声明为 JSON' }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { en: 'The body is not as long as Content-Length says', zh: '请求内容长度与 Content-Length 不符' }
    case 'FST_ERR_BAD_URL':
      return { en: 'The address is not valid: it has broken percent-encoding', zh: '请求地址无效:百分号编码有误' }
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { en: 'A part of the address is too long', zh: '请求地址中的某一段过长' }
    default:
      return undefined
  }
}

/** A refusal Fastify raised before our code ran, in the API's one shape. */
export function frameworkError(error: FastifyError, request: FastifyRequest): ApiError {
  const text = frameworkText(error, request) ?? { en: error.message, zh: `请求错误:${error.message}` }
  return new ApiError(error.statusCode ?? 400, error.code ?? 'bad_request', text)
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
