import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { LocalizedText } from '@recall/shared'

/** What Node's HTTP parser refuses before any route (and before the request's language is known). */
function refusalOf(code: string | undefined): [number, string, LocalizedText] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'headers_too_large', { en: 'The request headers are too large: at most 16 KB in all', zh: '请求头过大:合计最多 16 KB' }]
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'request_timeout', { en: 'The request took too long to arrive', zh: '请求发送超时' }]
  return [400, 'bad_request', { en: 'The request is not valid HTTP', zh: '请求不是有效的 HTTP' }]
}

/**
 * Fastify's clientErrorHandler: the one error shape even for requests Node refuses before Fastify
 * sees them (Fastify's own answer there is a different JSON). The headers were not read, so the
 * message is in both languages.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const [status, code, text] = refusalOf(error.code)
  const body = JSON.stringify({ error: code, message: `${text.en} / ${text.zh}`, problems: [] })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}
