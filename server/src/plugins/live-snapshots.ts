import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { liveHub } from '../monitoring/live-hub'
import { foldLiveCountDeltas } from '../repositories/live-counts'

/** A changed count reaches the canvas within this long. */
const LIVE_EVERY_MS = 1_000
/** How often the running totals' deltas are folded in, keeping what a snapshot sums small. */
const FOLD_EVERY_MS = 5_000

/**
 * The live views' shared snapshots: one computation per journey and range per second, whatever the
 * number of viewers; and the folding of the running totals they read.
 */
export const liveSnapshotsPlugin = fp(
  async (app: FastifyInstance) => {
    const hub = liveHub({ everyMs: LIVE_EVERY_MS, onError: (error) => app.log.error(error) })
    app.decorate('liveSnapshots', hub)
    let folding: Promise<unknown> | undefined
    const fold = setInterval(() => {
      folding ??= foldLiveCountDeltas(app.database.db)
        .catch((error: unknown) => app.log.error(error))
        .finally(() => {
          folding = undefined
        })
    }, FOLD_EVERY_MS)
    fold.unref()
    app.addHook('onClose', async () => {
      clearInterval(fold)
      hub.close()
      await folding
    })
  },
  { name: 'live-snapshots' },
)
