import type { JourneyDocument, JourneyStatus, LocalizedText, Problem, PublishSchedule } from '@recall/shared'
import { useLocaleStore } from './locale'
import { sessionEnded, useSession } from './session'

/** An API refusal with the server's own message (already in the request's language) and problems. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: (Problem & { text?: string })[],
  ) {
    super(message)
  }
}

/** What to show a person for a failed call: the server's own words, or the error's message. */
export function failureText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}

/** Problems that say more than the refusal's message: not the one that only says where the refusal is (`/params/id`, `/headers/if-match`). */
export const saysMoreThan =
  (message: string) =>
  (problem: { text?: string | undefined }): boolean =>
    problem.text !== message

/** Problems shown with a refusal: the first few say what to fix; a file's hundred bad rows would drown the dialog. */
const SHOWN_PROBLEMS = 5

/**
 * The server's message and what each problem says, each after its path ("/body/csv/3/phone": a CSV's
 * row and field, which the texts themselves do not repeat), for a dialog's one line of error.
 */
export function failureWithProblems(cause: unknown): string {
  if (!(cause instanceof ApiFailure)) return failureText(cause)
  const texts = cause.problems
    .filter((problem) => problem.text && saysMoreThan(cause.message)(problem))
    .map((problem) => (problem.path ? `${problem.path}: ${problem.text}` : (problem.text as string)))
  if (texts.length === 0) return cause.message
  const more = texts.length > SHOWN_PROBLEMS ? ` (+${texts.length - SHOWN_PROBLEMS})` : ''
  return `${cause.message} — ${texts.slice(0, SHOWN_PROBLEMS).join('; ')}${more}`
}

const NETWORK: LocalizedText = { en: 'The server cannot be reached', zh: '无法连接服务器' }

/** Sends a request with the language, and the CSRF token the session needs for changes. */
export async function send<T>(
  method: string,
  path: string,
  body?: { json: unknown } | { raw: Blob | string; contentType: string },
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const locale = useLocaleStore.getState().locale
  const { csrfToken } = useSession.getState()
  const headers: Record<string, string> = { 'accept-language': locale, ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...extraHeaders }
  let payload: BodyInit | undefined
  if (body && 'json' in body) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body.json)
  } else if (body) {
    headers['content-type'] = body.contentType
    payload = body.raw
  }
  let response: Response
  try {
    response = await fetch(`/api${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) })
  } catch {
    throw new ApiFailure(0, 'network', locale === 'zh-CN' ? NETWORK.zh : NETWORK.en, [])
  }
  // A session that ended (expired, signed out elsewhere) asks the person to sign in again.
  if (response.status === 401 && path !== '/auth/login') sessionEnded()
  return answerOf<T>(response)
}

export function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : { json: body })
}

/** The JSON answer of a response, or the server's refusal as an ApiFailure. */
export async function answerOf<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T
  const payload = await response.json().catch(() => ({}))
  if (!response.ok) throw new ApiFailure(response.status, payload.error ?? 'error', payload.message ?? response.statusText, payload.problems ?? [])
  return payload as T
}

export interface JourneyRecord {
  journey: { id: string; name: string; status: JourneyStatus; draft: JourneyDocument; liveVersion: number | null; draftRevision: number; draftSavedBy: string | null }
  problems: Problem[]
  /** The draft set to go live later, if any. */
  schedule: PublishSchedule | null
}

export interface VersionSummary {
  version: number
  note: string
  publishedAt: string
}

export interface PublishResult {
  version: number
  contactsAtRemovedNodes: number
  migrated: number
  /** The published document's warnings: its own, and where its sends would be held in the zones of the workspace's contacts. */
  problems: Problem[]
}
