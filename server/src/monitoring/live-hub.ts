/** One computation shared by every open stream of the same key (journey and range). */
interface Topic {
  compute: () => Promise<unknown>
  /** Each listener, and whether it has been given the current value yet. */
  listeners: Map<(data: string) => void, boolean>
  timer: NodeJS.Timeout
  last: string | undefined
  busy: boolean
}

export interface LiveHub {
  /**
   * Streams `compute`'s value to `listener` now and whenever it changes, checked every interval.
   * Listeners of one key share one computation per interval: 100 open live views of a journey cost
   * the database what one does. Returns the unsubscribe; the last one out stops the computing.
   */
  subscribe(key: string, compute: () => Promise<unknown>, listener: (data: string) => void): () => void
  /** How many computations ran since start: what the database has been asked. */
  readonly computations: number
  /** Stops every topic (server closing). */
  close(): void
}

export function liveHub(options: { everyMs: number; onError: (error: unknown) => void }): LiveHub {
  const topics = new Map<string, Topic>()
  let computations = 0

  const refresh = async (topic: Topic) => {
    if (topic.busy) return
    topic.busy = true
    try {
      computations++
      const data = JSON.stringify(await topic.compute())
      const changed = data !== topic.last
      topic.last = data
      for (const [listener, given] of topic.listeners) {
        if (changed || !given) {
          topic.listeners.set(listener, true)
          listener(data)
        }
      }
    } catch (error) {
      options.onError(error)
    } finally {
      topic.busy = false
    }
  }

  return {
    subscribe(key, compute, listener) {
      let topic = topics.get(key)
      if (!topic) {
        const created: Topic = { compute, listeners: new Map(), timer: setInterval(() => void refresh(created), options.everyMs), last: undefined, busy: false }
        topics.set(key, created)
        topic = created
        topic.listeners.set(listener, false)
        void refresh(topic)
      } else if (topic.last !== undefined) {
        topic.listeners.set(listener, true)
        listener(topic.last)
      } else {
        // The first computation is still running: this listener gets its result.
        topic.listeners.set(listener, false)
      }
      const joined = topic
      return () => {
        joined.listeners.delete(listener)
        if (joined.listeners.size === 0 && topics.get(key) === joined) {
          clearInterval(joined.timer)
          topics.delete(key)
        }
      }
    },
    get computations() {
      return computations
    },
    close() {
      for (const topic of topics.values()) clearInterval(topic.timer)
      topics.clear()
    },
  }
}
