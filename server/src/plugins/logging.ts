import type { FastifyRequest } from 'fastify'

/**
 * Fields that carry personal data or credentials wherever they appear in a log line: phone numbers,
 * contact ids, event properties, message texts, tokens, cookies, authorization.
 */
const PERSONAL_FIELDS = [
  'phone',
  'contactId',
  'contactIds',
  'externalId',
  'properties',
  'attributes',
  'text',
  'token',
  'password',
  'secret',
  'csrfToken',
  'query',
  'params',
  'body',
]

export const REDACTED_PATHS = [
  ...PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`]),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
]

// A failed query's message lists its parameters (drizzle: "params: …"); PostgreSQL's detail quotes key values.
const QUERY_PARAMETERS = /\bparams: [^\n]*/g
const KEY_VALUES = /\)=\([^)]*\)/g

const scrub = (text: string | undefined) => (text ?? '').replace(QUERY_PARAMETERS, 'params: [redacted]').replace(KEY_VALUES, ')=([redacted])')

type LoggedError = {
  [field: string]: unknown
  type: string
  code?: unknown
  message: string
  stack: string
  cause?: LoggedError
}

/** An error as logged: its kind, code, message and stack without the values it was about. */
export function serializeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: '', stack: '' }
  const { code, cause } = error as Error & { code?: unknown }
  return {
    type: error.name,
    ...(code === undefined ? {} : { code }),
    message: scrub(error.message),
    stack: scrub(error.stack),
    ...(cause !== undefined && depth < 3 ? { cause: serializeError(cause, depth + 1) } : {}),
  }
}

/** A request as logged: the route's pattern (/api/contacts/:externalId), never its ids or query string. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    // An address no route matched may still hold an id: its digits-bearing segments are left out.
    url: request.routeOptions?.url ?? (request.url.split('?')[0] ?? '').replace(/\/[^/]*\d[^/]*/g, '/…'),
    remoteAddress: request.ip,
  }
}

export interface LogOptions {
  level: string
  /** Where lines go: standard output unless given (tests read them). */
  stream?: { write(line: string): void }
}

/** Fastify's logger (pino) with personal data redacted by path and scrubbed from errors and addresses. */
export function loggerOptions(options: LogOptions) {
  return {
    level: options.level,
    ...(options.stream ? { stream: options.stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest, err: serializeError, error: serializeError },
    hooks: {
      // log.error(error) would take the error's own message as the line's text: give it the scrubbed one.
      logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void) {
        const [first, second] = args
        if (first instanceof Error && typeof second !== 'string') return method.apply(this, [first, scrub(first.message), ...args.slice(1)])
        return method.apply(this, args)
      },
    },
  }
}
