import type { JourneyDocument } from '@recall/shared'
import { act } from '@testing-library/react'
import { vi } from 'vitest'
import type { JourneyRecord } from '../src/app/api'
import { template } from './helpers'

/** The editor page's server in web tests: the journey, empty panels around it, and the presence stream. */

const presenceStreams: { url: string; onmessage: ((event: { data: string }) => void) | undefined }[] = []

/** Presence listens for other editors over server-sent events: each stream opened is kept, so a test can speak on it. Call in beforeAll. */
export function stubPresence(): void {
  globalThis.EventSource = class {
    onmessage: ((event: { data: string }) => void) | undefined
    constructor(readonly url: string) {
      presenceStreams.push(this)
    }
    addEventListener() {}
    close() {}
  } as unknown as typeof EventSource
}

/** How many presence streams have opened: a test waits for its page's own before speaking on it. */
export const presenceStreamsOpened = () => presenceStreams.length

/** What the server's presence stream says to the open editor. */
export const presenceSays = (message: object) =>
  act(() => presenceStreams.at(-1)?.onmessage?.({ data: JSON.stringify({ editors: [], you: 'x', revision: 3, savedBy: undefined, ...message }) }))

/** What the server says on the last stream opened whose address ends with `path` (the Live view's `/live`, say). */
export const streamSays = (path: string, message: object) =>
  act(() =>
    presenceStreams
      .filter((stream) => stream.url.split('?')[0]?.endsWith(path))
      .at(-1)
      ?.onmessage?.({ data: JSON.stringify(message) }),
  )

export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** Journey j1 from the abandoned-cart template, in a status; published ones are at v2. */
export function record(status: JourneyRecord['journey']['status'], name = 'Cart reminder'): JourneyRecord {
  const draft: JourneyDocument = { ...template('abandoned-cart'), id: 'j1', name }
  return { journey: { id: 'j1', name, status, draft, liveVersion: status === 'draft' ? null : 2, draftRevision: 3, draftSavedBy: null }, schedule: null } as JourneyRecord
}

/**
 * The server as the editor page asks it: the journey, and empty lists for the panels around it; `onSave`
 * answers the draft saves, `route` any request it answers itself (first, perhaps later). Answers the URLs of the saves.
 */
export function serve(
  journey: JourneyRecord,
  onSave: () => Response | Promise<Response> = () => json(journey),
  route?: (url: string, init: RequestInit) => Response | Promise<Response> | undefined,
) {
  const saves: string[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const answered = route?.(url, init ?? {})
      if (answered) return answered
      if (init?.method === 'PUT') {
        saves.push(url)
        return onSave()
      }
      if (url === '/api/journeys/j1') return json(journey)
      if (url === '/api/journeys/j1/head') {
        const { status, draftRevision, draftSavedBy, liveVersion } = journey.journey
        return json({ status, draftRevision, draftSavedBy, liveVersion, published: null })
      }
      if (url.endsWith('/versions')) return json({ versions: [] })
      if (url.endsWith('/versions/2')) return json({ document: journey.journey.draft })
      if (url.endsWith('/counts')) return json({ counts: {} })
      if (url.endsWith('/history')) return json({ events: [] })
      if (url.endsWith('/approvals')) return json({ approvals: [] })
      if (url === '/api/catalog') return json({ attributes: [], events: [] })
      // The Live view's results (chart, A/B, control group) are not what these tests look at: each shows its error, as on a failed load.
      if (/\/(series|ab|control-group)(\?|$)/.test(url)) return json({ error: 'not_found', message: 'No results in this test', problems: [] }, 404)
      return json({})
    }),
  )
  return saves
}
