import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConditionGroup } from '@recall/shared'
import Type from 'typebox'
import { estimateMembers } from '../../catalog/estimate'
import { readCatalog } from '../../catalog/read-catalog'

/** What the data holds, for the editor's pickers, and how many contacts a condition would select. */
const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['segments']
  app.get(
    '/',
    {
      // The examples are real contacts' values (names, birthdays): the contacts' own scope too.
      config: { access: ['segments:read', 'contacts:read'] },
      schema: { tags, summary: 'Attribute names with type and examples; event names with their count in the last 30 days' },
    },
    async () => readCatalog(app.database.db, app.runner.clock()),
  )
  app.post(
    '/estimate',
    {
      // Any condition may be counted (name = "周七"): a count tells of contacts' data as their list would.
      config: { access: ['segments:read', 'contacts:read'] },
      schema: { tags, summary: 'Estimate how many contacts a condition selects (exact up to 2,000 contacts, sampled above)', body: Type.Object({ condition: ConditionGroup }) },
    },
    async (request) => estimateMembers(app.database.db, request.body.condition, app.runner.clock()),
  )
}

export default catalogRoutes
