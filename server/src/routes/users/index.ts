import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ROLES } from '@recall/shared'
import Type from 'typebox'
import { accessRepository } from '../../repositories/access'

const RoleSchema = Type.Enum([...ROLES])
const NewUserBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 200, pattern: '^[^@\\s]+@[^@\\s]+$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleSchema,
    password: Type.String({ minLength: 10, maxLength: 200 }),
    canPublish: Type.Optional(Type.Boolean({ description: 'Editors: publish without review (default true); admins always may' })),
  },
  { additionalProperties: false },
)
const UserParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })

/** Admins manage who may sign in and with which role. */
const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const access = accessRepository(app.database.db)
  const tags = ['users']
  const config = { access: 'admin' as const }
  app.get('/', { schema: { tags, summary: 'List users' }, config }, async () => ({ users: await access.listUsers() }))
  app.post('/', { schema: { tags, summary: 'Add a user (password at least 10 characters)', body: NewUserBody }, config }, async (request, reply) => {
    reply.status(201)
    return { user: await access.createUser(request.body) }
  })
  app.put(
    '/:id/role',
    { schema: { tags, summary: "Change a user's role", params: UserParams, body: Type.Object({ role: RoleSchema }, { additionalProperties: false }) }, config },
    async (request) => ({
      user: await access.updateRole(request.params.id, request.body.role),
    }),
  )
  app.put(
    '/:id/can-publish',
    {
      schema: {
        tags,
        summary: 'Let an editor publish without review, or make their versions go through review',
        params: UserParams,
        body: Type.Object({ canPublish: Type.Boolean() }, { additionalProperties: false }),
      },
      config,
    },
    async (request) => ({ user: await access.setCanPublish(request.params.id, request.body.canPublish) }),
  )
  app.delete('/:id', { schema: { tags, summary: 'Remove a user and their sessions', params: UserParams }, config }, async (request, reply) => {
    await access.removeUser(request.params.id)
    return reply.status(204).send()
  })
}

export default userRoutes
