import type { LocalizedText } from '@recall/shared'
import type { FastifyError, FastifyRequest } from 'fastify'
import { MAX_PARAM_LENGTH } from './body-limits'

/**
 * A request refused as a whole (its body, its address, a header) rather than field by field: a
 * code of our own, and the JSON Pointer of what to fix (/body, /url, /headers/content-type).
 */
export interface Refusal {
  status: number
  code: string
  path: string
  text: LocalizedText
}

const kilobytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`)

/** Broken JSON, with where when JSON.parse said so. */
export function invalidJson(detail?: LocalizedText): Refusal {
  return {
    status: 400,
    code: 'body.invalid_json',
    path: '/body',
    text: detail
      ? { en: `The body is not valid JSON: ${detail.en}`, zh: `请求内容不是有效的 JSON:${detail.zh}` }
      : { en: 'The body is not valid JSON', zh: '请求内容不是有效的 JSON' },
  }
}

/**
 * Where JSON.parse stopped, as a line and column, or that the text ended early. Its own message
 * is never passed on: it may quote the body (a phone number, a message's text).
 */
export function jsonFailureDetail(cause: unknown, text: string): LocalizedText | undefined {
  const message = cause instanceof Error ? cause.message : ''
  const at = /at position (\d+)/.exec(message)
  if (at) {
    const before = text.slice(0, Number(at[1]))
    const line = before.split('\n').length
    const column = before.length - before.lastIndexOf('\n')
    return { en: `something is wrong at line ${line}, column ${column}`, zh: `第 ${line} 行第 ${column} 列有误` }
  }
  if (message.includes('end of JSON input')) return { en: 'it ends before it is complete', zh: '内容不完整,提前结束' }
  return undefined
}

/** A body of a type the route does not read (415), naming the type it takes where it takes one. */
export function unsupportedContentType(sent: string | undefined, accepted?: string): Refusal {
  const type = String(sent ?? '').slice(0, 100)
  const refused: LocalizedText = type
    ? { en: `This route does not accept Content-Type "${type}"`, zh: `此接口不接受 Content-Type "${type}"` }
    : { en: 'The request has no Content-Type', zh: '请求缺少 Content-Type' }
  return {
    status: 415,
    code: 'body.unsupported_type',
    path: '/headers/content-type',
    text: accepted ? { en: `${refused.en}: send ${accepted}`, zh: `${refused.zh}:请使用 ${accepted}` } : refused,
  }
}

/** Fastify's own refusals (body too large, wrong type, broken JSON or URL) as codes of our own, said in both languages. */
export function frameworkRefusal(error: FastifyError, request: FastifyRequest): Refusal | undefined {
  const status = error.statusCode ?? 400
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = kilobytes(request.routeOptions.bodyLimit ?? 0)
      return {
        status,
        code: 'body.too_large',
        path: '/body',
        text: { en: `The request body is too large: this route accepts at most ${limit}`, zh: `请求内容过大:此接口最多接受 ${limit}` },
      }
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { ...unsupportedContentType(request.headers['content-type']), status }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return invalidJson()
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status, code: 'body.empty', path: '/body', text: { en: 'The body is empty but Content-Type says JSON', zh: '请求内容为空,但 Content-Type 声明为 JSON' } }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status,
        code: 'body.wrong_length',
        path: '/headers/content-length',
        text: { en: 'The body is not as long as Content-Length says', zh: '请求内容长度与 Content-Length 不符' },
      }
    case 'FST_ERR_BAD_URL':
      return { status, code: 'url.invalid', path: '/url', text: { en: 'The address is not valid: it has broken percent-encoding', zh: '请求地址无效:百分号编码有误' } }
    case 'FST_ERR_MAX_PARAM_LENGTH':
      // Refused by the router before any route matched, so which parameter it was is not known.
      return {
        status,
        code: 'url.too_long',
        path: '/url',
        text: {
          en: `A part of the address is too long: at most ${MAX_PARAM_LENGTH} characters between slashes`,
          zh: `请求地址中的某一段过长:两个斜杠之间最多 ${MAX_PARAM_LENGTH} 个字符`,
        },
      }
    default:
      return undefined
  }
}
