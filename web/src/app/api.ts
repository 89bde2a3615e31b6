import type { JourneyDocument, LocalizedText, Problem } from '@recall/shared'
import { useLocaleStore } from './locale'

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

const NETWORK: LocalizedText = { en: 'The server cannot be reached', zh: '无法连接服务器' }

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const locale = useLocaleStore.getState().locale
  let response: Response
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers: { 'accept-language': locale, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  } catch {
    throw new ApiFailure(0, 'network', locale === 'zh-CN' ? NETWORK.zh : NETWORK.en, [])
  }
  return answerOf<T>(response)
}

/** The JSON answer of a response, or the server's refusal as an ApiFailure. */
export async function answerOf<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T
  const payload = await response.json().catch(() => ({}))
  if (!response.ok) throw new ApiFailure(response.status, payload.error ?? 'error', payload.message ?? response.statusText, payload.problems ?? [])
  return payload as T
}

export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived'

export interface JourneySummary {
  id: string
  name: string
  status: JourneyStatus
  liveVersion: number | null
  updatedAt: string
  activeContacts: number
}

export interface JourneyRecord {
  journey: { id: string; name: string; status: JourneyStatus; draft: JourneyDocument; liveVersion: number | null }
  problems: Problem[]
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
}
