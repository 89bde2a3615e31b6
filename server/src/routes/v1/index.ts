import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { seesContacts } from '../../access/permissions'
import { ingestSegmentCalls, localizedAnswer } from '../../events/segment-calls'
import { BatchSchema } from '../../events/segment-spec'
import { ApiError, requestLocale } from '../../plugins/errors'
import { INGESTION_RATE_LIMIT } from '../../plugins/rate-limits'

const config = { access: 'events:write' as const, rateLimit: INGESTION_RATE_LIMIT }
const tags = ['events']

/**
 * Segment's HTTP tracking API (identify, track, batch), so a Segment or RudderStack HTTP
 * destination, or any code that speaks it, can send to Recall unchanged. The API key goes as the
 * basic-auth user name (as Segment sends its write key) or as a Bearer token.
 */
const trackingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // A single call that is refused is an error; a batch answers each call by its index.
  const single = (type: 'identify' | 'track') => async (request: FastifyRequest) => {
    const sees = seesContacts(request.principal)
    const answer = await ingestSegmentCalls(app.runner, [request.body], { pathOf: () => '/body', expected: type, masksContacts: !sees })
    const refusal = answer.events[0]
    if (refusal?.status === 'refused')
      throw new ApiError(400, 'event_refused', { en: `The ${type} call was refused; nothing was stored`, zh: `${type} 调用被拒绝,未保存任何数据` }, refusal.problems)
    return localizedAnswer(answer, requestLocale(request), sees)
  }
  app.post('/identify', { config, schema: { tags, summary: 'Create or update a contact from its traits (Segment identify)' } }, single('identify'))
  app.post('/track', { config, schema: { tags, summary: 'Record an event for a user (Segment track); unknown users become bare contacts' } }, single('track'))
  app.post(
    '/batch',
    { config, schema: { tags, summary: 'Up to 10,000 identify and track calls; each is accepted, a duplicate or refused by its index', body: BatchSchema } },
    async (request) => {
      const sees = seesContacts(request.principal)
      const answer = await ingestSegmentCalls(app.runner, request.body.batch, { pathOf: (index) => `/batch/${index}`, masksContacts: !sees })
      return localizedAnswer(answer, requestLocale(request), sees)
    },
  )
}

export default trackingRoutes
