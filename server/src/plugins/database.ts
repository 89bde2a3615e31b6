import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { DatabaseHandle } from '../db/database'

/** Makes the opened database available to repositories; the caller owns opening it, the app closes it. */
export const databasePlugin = fp(
  async (app: FastifyInstance, options: { database: DatabaseHandle }) => {
    app.decorate('database', options.database)
    app.addHook('onClose', async () => options.database.close())
  },
  { name: 'database' },
)
