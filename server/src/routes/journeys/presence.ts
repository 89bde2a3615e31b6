import { randomUUID } from 'node:crypto'
import type { FastifyReply } from 'fastify'

/** What each open editor hears: who else has the journey open, and the latest draft revision and its author. */
export interface PresenceMessage {
  /** Everyone with the journey open; `viewing`: they may not change it (a viewer, a read-only key), so they are not said to edit it. */
  editors: { id: string; name: string; viewing: boolean }[]
  revision: number | undefined
  savedBy: string | undefined
  /** Set once the journey is archived or deleted elsewhere, so an open editor says so without waiting for its next save. */
  ended?: 'archived' | 'deleted'
}

interface Watcher {
  id: string
  name: string
  viewing: boolean
  reply: FastifyReply
}

/**
 * Who has which journey open in the editor, over server-sent events. In the memory of this process:
 * the web app talks to one server, and a lost connection simply leaves the list.
 */
export function presenceHub() {
  const watchers = new Map<string, Set<Watcher>>()
  const latest = new Map<string, { revision: number; savedBy: string | undefined }>()
  const ended = new Map<string, 'archived' | 'deleted'>()

  function broadcast(journeyId: string) {
    const open = watchers.get(journeyId) ?? new Set()
    const saved = latest.get(journeyId)
    const end = ended.get(journeyId)
    for (const watcher of open) {
      const message: PresenceMessage = {
        editors: [...open].map(({ id, name, viewing }) => ({ id, name, viewing })),
        revision: saved?.revision,
        savedBy: saved?.savedBy,
        ...(end ? { ended: end } : {}),
      }
      watcher.reply.raw.write(`data: ${JSON.stringify({ ...message, you: watcher.id })}\n\n`)
    }
  }

  return {
    /** Streams presence to `reply` until the connection closes; returns the function that ends it. */
    join(journeyId: string, { name, viewing }: { name: string; viewing: boolean }, reply: FastifyReply): () => void {
      const watcher = { id: randomUUID(), name, viewing, reply }
      const open = watchers.get(journeyId) ?? new Set<Watcher>()
      watchers.set(journeyId, open.add(watcher))
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' })
      broadcast(journeyId)
      let ended = false
      return () => {
        if (ended) return
        ended = true
        open.delete(watcher)
        if (open.size === 0) watchers.delete(journeyId)
        else broadcast(journeyId)
        reply.raw.end()
      }
    },
    /** Tells every open editor of the journey that a new draft revision was saved, and by whom. */
    saved(journeyId: string, revision: number, savedBy: string | undefined) {
      latest.set(journeyId, { revision, savedBy })
      broadcast(journeyId)
    },
    /** Tells every open editor of the journey that it was archived or deleted. */
    ended(journeyId: string, how: 'archived' | 'deleted') {
      ended.set(journeyId, how)
      broadcast(journeyId)
      // A deleted journey's id may be used again by a new journey: only its open editors needed to hear it.
      if (how === 'deleted') ended.delete(journeyId)
    },
  }
}
