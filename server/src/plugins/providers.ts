import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type SecretBox, secretBox } from '../access/secrets'
import { type ProviderRouter, providerRouter } from '../providers/router'

declare module 'fastify' {
  interface FastifyInstance {
    /** The workspace's SMS providers as its settings say (re-read every few seconds). */
    providers: ProviderRouter
    secretBox: SecretBox
  }
}

export const providersPlugin = fp(
  async (app: FastifyInstance, options: { secretKey: string | undefined }) => {
    const box = secretBox(options.secretKey)
    app.decorate('secretBox', box)
    app.decorate('providers', providerRouter(app.database.db, box))
  },
  { name: 'providers', dependencies: ['database'] },
)
