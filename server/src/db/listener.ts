import pg from 'pg'

export interface ReconnectingListenerOptions {
  connectionString: string
  channel: string
  onNotify: () => void
  /** Told of a lost LISTEN connection (a restart, a failover, an ended backend). */
  onLost: (error: Error, client: object) => void
  /** First and longest wait between attempts to reopen it. */
  retryMs?: { first: number; max: number }
}

/**
 * LISTEN on a connection of its own, reopened whenever PostgreSQL ends it. A worker whose listener
 * died used to fall back to its idle poll for good; now it is back within seconds, and since
 * notifications sent while it was gone are lost, it is nudged once on reopening to look for them.
 */
export async function reconnectingListener(options: ReconnectingListenerOptions): Promise<() => Promise<void>> {
  const retry = options.retryMs ?? { first: 250, max: 10_000 }
  let stopped = false
  let current: pg.Client | undefined
  let timer: NodeJS.Timeout | undefined

  const open = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: options.connectionString })
    // Until LISTEN is in place a failure is the promise's to report; after, it is a loss to recover from.
    client.on('error', () => {})
    try {
      await client.connect()
      client.on('notification', options.onNotify)
      await client.query(`LISTEN ${pg.escapeIdentifier(options.channel)}`)
    } catch (error) {
      await client.end().catch(() => {})
      throw error
    }
    let lost = false
    const onGone = (error: Error) => {
      if (lost || stopped) return
      lost = true
      options.onLost(error, client)
      if (current === client) current = undefined
      scheduleReopen(retry.first)
    }
    client.on('error', onGone)
    client.on('end', () => onGone(new Error('LISTEN connection ended')))
    return client
  }

  const scheduleReopen = (waitMs: number) => {
    if (stopped || timer) return
    timer = setTimeout(async () => {
      timer = undefined
      try {
        const client = await open()
        if (stopped) {
          await client.end().catch(() => {})
          return
        }
        current = client
        options.onNotify()
      } catch {
        // Still down: try again later, waiting twice as long each time up to the limit.
        scheduleReopen(Math.min(waitMs * 2, retry.max))
      }
    }, waitMs)
    timer.unref()
  }

  current = await open()
  return async () => {
    stopped = true
    if (timer) clearTimeout(timer)
    await current?.end().catch(() => {})
  }
}
