import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { couponsRepository } from '../../repositories/coupons'

const PoolParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' }) })

/** Coupon code pools (codes from a POS or partner, imported from CSV) and the alarms when one runs dry. */
const couponRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repository = couponsRepository(app.database.db, () => app.runner.clock())
  const tags = ['coupons']
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 8 * 1024 * 1024 }, (_request, body, done) => done(null, body))
  app.get('/pools', { config: { access: 'journeys:read' }, schema: { tags, summary: 'Coupon pools with codes available, reserved, issued and redeemed' } }, async () => ({
    pools: await repository.pools(),
  }))
  app.put(
    '/pools/:id',
    {
      config: { access: 'journeys:write' },
      schema: {
        tags,
        summary: 'Create or rename a pool',
        params: PoolParams,
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
      },
    },
    async (request) => repository.savePool(request.params.id, request.body.name),
  )
  app.post(
    '/pools/:id/codes',
    { config: { access: 'journeys:write' }, schema: { tags, summary: 'Add codes: text/csv (a "code" column or one a line) or a JSON list; all or none', params: PoolParams } },
    async (request) => repository.addCodes(request.params.id, request.body),
  )
  app.get('/alarms', { config: { access: 'journeys:read' }, schema: { tags, summary: 'Alarms that need a person: an empty coupon pool holding sends' } }, async () => ({
    alarms: await repository.activeAlarms(),
  }))
}

export default couponRoutes
