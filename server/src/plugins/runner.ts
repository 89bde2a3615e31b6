import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { journeyRunner, type RunnerOptions } from '../worker/runner'

/** The journey runner over the app's database, with the app's clock. */
export const runnerPlugin = fp(
  async (app: FastifyInstance, options: RunnerOptions) => {
    app.decorate('runner', journeyRunner(app.database.db, options))
  },
  { name: 'runner', dependencies: ['database'] },
)
