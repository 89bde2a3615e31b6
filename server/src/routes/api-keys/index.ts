import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { personOf, SCOPES } from '../../access/permissions'
import { accessRepository } from '../../repositories/access'

const NewKeyBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), scopes: Type.Array(Type.Enum([...SCOPES]), { minItems: 1, uniqueItems: true }) },
  { additionalProperties: false },
)
const KeyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })

/** Admins issue API keys with scopes; the secret is in the creation answer and nowhere else. */
const apiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Key use is stamped on the wall clock, like every security timer.
  const access = accessRepository(app.database.db)
  const tags = ['api keys']
  const config = { access: 'admin' as const }
  app.get('/', { schema: { tags, summary: 'List API keys (never their secrets)' }, config }, async () => ({ apiKeys: await access.listApiKeys() }))
  app.post('/', { schema: { tags, summary: 'Create an API key; its secret is shown once', body: NewKeyBody }, config }, async (request, reply) => {
    reply.status(201)
    // A key made with a key belongs to that key's maker: it acts within their rights, and for four-eyes it is them.
    // The route is for admins, so a caller is always there; without one nobody would answer for the key.
    if (!request.principal) throw new Error('an admin route answered a caller nobody signed in as')
    return { apiKey: await access.createApiKey(request.body.name, request.body.scopes, personOf(request.principal)) }
  })
  app.delete('/:id', { schema: { tags, summary: 'Revoke an API key', params: KeyParams }, config }, async (request, reply) => {
    await access.revokeApiKey(request.params.id)
    return reply.status(204).send()
  })
}

export default apiKeyRoutes
