import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { liveHub } from '../monitoring/live-hub'

/** A changed count reaches the canvas within this long. */
const LIVE_EVERY_MS = 1_000

/** The live views' shared snapshots: one computation per journey and range per second, whatever the number of viewers. */
export const liveSnapshotsPlugin = fp(
  async (app: FastifyInstance) => {
    const hub = liveHub({ everyMs: LIVE_EVERY_MS, onError: (error) => app.log.error(error) })
    app.decorate('liveSnapshots', hub)
    app.addHook('onClose', async () => hub.close())
  },
  { name: 'live-snapshots' },
)
