import type { DatabaseHandle } from './db/database'
import type { LiveHub } from './monitoring/live-hub'
import type { JourneyRunner } from './worker/runner'

// What the plugins decorate the app with. Kept in one module that app.ts imports, so every
// importer of the app (tests included) sees the same typed instance.
declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle
    runner: JourneyRunner
    liveSnapshots: LiveHub
  }
}
