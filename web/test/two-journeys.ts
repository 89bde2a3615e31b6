import type { JourneyDocument } from '@recall/shared'
import { vi } from 'vitest'
import type { JourneyRecord } from '../src/app/api'
import { json } from './editor-server'
import { template } from './helpers'

/**
 * A server holding two journeys, `a` (draft revision 3) and `b` (draft revision 7), that keeps what
 * each draft save sends and answers it as the real one does: a stale If-Match is refused with 412, a
 * good one stores the draft on the next revision. A test can hold a request until it says, and take
 * a journey's saves down (503). Everything the editor page asks beside that answers empty.
 */

export interface DraftPut {
  url: string
  ifMatch: string | null
  /** The id and name in the document sent. */
  id: string
  name: string
}

interface Held {
  method: string
  url: string
  /** Answers the request now, as the server would (or with `answer`). */
  release(answer?: Response): void
}

const USER = { userId: 'u', email: 'e@shop.example', name: 'E', role: 'editor', canPublish: true } as const

function draftOf(id: 'a' | 'b', name: string): JourneyDocument {
  return { ...template('abandoned-cart'), id, name }
}

export function serveTwoJourneys() {
  const drafts = { a: { draft: draftOf('a', 'Spring sale'), revision: 3 }, b: { draft: draftOf('b', 'Birthday'), revision: 7 } }
  const down = new Set<string>()
  const puts: DraftPut[] = []
  /** Every request in the order it came, and each held one's answer when it went out: `GET /api/journeys/a`, `answered PUT /api/journeys/a/draft`. */
  const log: string[] = []
  const toHold: { method: string; url: string }[] = []
  const held: Held[] = []

  const recordOf = (id: 'a' | 'b'): JourneyRecord =>
    ({
      journey: { id, name: drafts[id].draft.name, status: 'draft', draft: drafts[id].draft, liveVersion: null, draftRevision: drafts[id].revision, draftSavedBy: 'E' },
      schedule: null,
    }) as JourneyRecord

  function saveDraft(id: 'a' | 'b', ifMatch: string | null, body: JourneyDocument): Response {
    if (down.has(id)) return json({ error: 'unavailable', message: 'The server is busy; try again', problems: [] }, 503)
    if (ifMatch !== '*' && ifMatch !== `"${drafts[id].revision}"`) {
      const message = `E saved this draft (revision ${drafts[id].revision}) after you opened it`
      return json({ error: 'draft_changed', message, problems: [] }, 412)
    }
    drafts[id] = { draft: body, revision: drafts[id].revision + 1 }
    return json({ ...recordOf(id), problems: [] })
  }

  function answer(method: string, url: string, init: RequestInit): Response {
    const journey = /^\/api\/journeys\/(a|b)(\/[a-z]+)?$/.exec(url)
    const id = journey?.[1] as 'a' | 'b' | undefined
    if (id && journey?.[2] === '/draft' && method === 'PUT') return saveDraft(id, new Headers(init.headers).get('if-match'), JSON.parse(String(init.body)))
    if (id && journey?.[2] === undefined) return json(recordOf(id))
    if (id && journey?.[2] === '/head') return json({ status: 'draft', draftRevision: drafts[id].revision, draftSavedBy: 'E', liveVersion: null, published: null })
    if (url === '/api/auth/me') return json({ user: USER, csrfToken: 'c' })
    if (url === '/api/journeys') return json({ journeys: [] })
    if (url.endsWith('/versions')) return json({ versions: [] })
    if (url.endsWith('/history')) return json({ events: [] })
    if (url.endsWith('/approvals')) return json({ approvals: [] })
    if (url === '/api/catalog') return json({ attributes: [], events: [] })
    return json({})
  }

  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET'
      log.push(`${method} ${url}`)
      if (method === 'PUT' && url.endsWith('/draft')) {
        const body = JSON.parse(String(init.body)) as JourneyDocument
        puts.push({ url, ifMatch: new Headers(init.headers).get('if-match'), id: body.id, name: body.name })
      }
      const hold = toHold.findIndex((wanted) => wanted.method === method && wanted.url === url)
      if (hold < 0) return answer(method, url, init)
      toHold.splice(hold, 1)
      return new Promise<Response>((resolve) => {
        const request: Held = {
          method,
          url,
          release: (given) => {
            held.splice(held.indexOf(request), 1)
            log.push(`answered ${method} ${url}`)
            resolve(given ?? answer(method, url, init))
          },
        }
        held.push(request)
      })
    }),
  )

  return {
    drafts,
    puts,
    log,
    /** Saves to this journey answer 503 until it is brought back. */
    down,
    /** The next `method url` request waits for `release`. */
    hold(method: string, url: string) {
      toHold.push({ method, url })
    },
    /** The held request for `method url`, once it has come. */
    held(method: string, url: string): Held | undefined {
      return held.find((request) => request.method === method && request.url === url)
    },
  }
}
