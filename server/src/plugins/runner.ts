import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { failureLogLine, type IsolatedFailure } from '../worker/isolation'
import { journeyRunner, type RunnerOptions } from '../worker/runner'

/** How an item that failed alone is logged (warn: the rest went ahead; the item is retried, stopped or skipped as the line says). */
export const logIsolatedFailure = (app: FastifyInstance) => (failure: IsolatedFailure) =>
  app.log.warn(failureLogLine(failure), `${failure.kind} failed alone; the rest of its batch went ahead`)

/** The journey runner over the app's database, with the app's clock; failing steps are logged. */
export const runnerPlugin = fp(
  async (app: FastifyInstance, options: RunnerOptions) => {
    app.decorate('runner', journeyRunner(app.database.db, { onFailure: logIsolatedFailure(app), ...options }))
  },
  { name: 'runner', dependencies: ['database'] },
)
