import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ROLES } from '@recall/shared'
import Type from 'typebox'
import { NewPassword, RevokeApiKeys } from '../../access/passwords'
import { personOf } from '../../access/permissions'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { refusalError } from '../../plugins/errors'
import { PASSWORD_RATE_LIMIT } from '../../plugins/rate-limits'
import { accessRepository } from '../../repositories/access'

const RoleSchema = Type.Enum([...ROLES])
const NewUserBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 200, pattern: '^[^@\\s]+@[^@\\s]+$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleSchema,
    password: NewPassword,
    canPublish: Type.Optional(Type.Boolean({ description: 'Editors: publish without review (default true); admins always may' })),
  },
  { additionalProperties: false },
)
const UserParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })

/** An admin's own password is changed with their current one (PUT /auth/password), not reset past it. */
const OWN_PASSWORD = refusalError({
  status: 400,
  code: 'own_password',
  path: '/params/id',
  text: {
    en: 'This is your own account: change your password under Settings → Your account, which asks for the current one',
    zh: '这是你自己的账号:请在"设置 → 我的账号"中修改密码(需要输入当前密码)',
  },
})

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
  app.put(
    '/:id/password',
    {
      bodyLimit: BODY_LIMITS.signIn,
      schema: {
        tags,
        summary: "Set another user's password: every session of theirs ends, and the API keys they made are revoked unless revokeApiKeys is false",
        params: UserParams,
        body: Type.Object({ password: NewPassword, revokeApiKeys: RevokeApiKeys }, { additionalProperties: false }),
      },
      config: { ...config, rateLimit: PASSWORD_RATE_LIMIT },
    },
    async (request) => {
      const { id } = request.params
      if (request.principal && personOf(request.principal) === id) throw OWN_PASSWORD
      const change = await access.resetPassword(id, request.body.password, request.body.revokeApiKeys ?? true)
      // By user id, never email: logs carry no personal data.
      request.log.warn({ userId: id, by: request.principal && personOf(request.principal), ...change }, "an admin set a user's password: their sessions were ended")
      return change
    },
  )
  app.delete('/:id', { schema: { tags, summary: 'Remove a user and their sessions', params: UserParams }, config }, async (request, reply) => {
    await access.removeUser(request.params.id)
    return reply.status(204).send()
  })
}

export default userRoutes
