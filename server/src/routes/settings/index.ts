import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { isValidTimeZone } from '@recall/engine'
import { ApiError } from '../../plugins/errors'
import { SendPoliciesSchema, settingsRepository } from '../../repositories/settings'

const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repository = settingsRepository(app.database.db)
  const tags = ['settings']
  app.get('/policies', { config: { access: 'settings:read' }, schema: { tags, summary: 'Send policies: time zone, quiet hours, category windows, caps, holidays' } }, async () =>
    repository.policies(),
  )
  app.put('/policies', { config: { access: 'settings:write' }, schema: { tags, summary: 'Replace the send policies', body: SendPoliciesSchema } }, async (request) => {
    if (!isValidTimeZone(request.body.defaultTimeZone)) {
      throw new ApiError(400, 'invalid_request', { en: 'The request is not valid', zh: '请求内容无效' }, [
        {
          code: 'settings.time_zone',
          severity: 'error',
          path: '/body/defaultTimeZone',
          message: { en: `"${request.body.defaultTimeZone}" is not a known time zone`, zh: `"${request.body.defaultTimeZone}" 不是有效的时区` },
        },
      ])
    }
    return repository.savePolicies(request.body)
  })
}

export default settingsRoutes
