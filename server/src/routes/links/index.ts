import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { desc, eq, sql } from 'drizzle-orm'
import Type from 'typebox'
import { linkClicks, messages } from '../../db/schema/index'
import { ApiError } from '../../plugins/errors'
import { refusalsPerAddress } from '../../plugins/rate-limits'

const LinkParams = Type.Object({ code: Type.String({ pattern: '^[A-Z0-9]{4,12}$' }) })

/**
 * Unknown codes one address may ask for in a minute. Codes are short, and a guessed one forges a
 * click that moves a contact down a branch; a person following a stale link never gets near this.
 * Past it every code waits out the minute: answering known ones would tell a guesser which exist.
 */
export const LINK_REFUSALS_PER_MINUTE = 30

/**
 * `/l/:code`: a message's short link. Records the click (the first one on the message for rates,
 * every one in the log), turns it into a `link_clicked` event, and redirects to the node's URL.
 */
const linkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  const unknownCodes = refusalsPerAddress(LINK_REFUSALS_PER_MINUTE)
  app.addHook('onRequest', unknownCodes.check)
  app.get('/:code', { config: { access: 'public' }, schema: { tags: ['links'], summary: 'Follow a short link', params: LinkParams } }, async (request, reply) => {
    const now = app.runner.clock()
    // Codes are short: in the rare case two messages share one, the newest is meant.
    const [message] = await db
      .select({ id: messages.id, contactId: messages.contactId, url: messages.linkUrl, clickedAt: messages.clickedAt })
      .from(messages)
      .where(eq(messages.linkCode, request.params.code))
      .orderBy(desc(messages.id))
      .limit(1)
    if (!message?.url) {
      unknownCodes.refused(request)
      throw new ApiError(404, 'link_not_found', { en: 'This link does not exist or has expired', zh: '该链接不存在或已失效' })
    }
    const first = message.clickedAt === null
    await db.transaction(async (tx) => {
      await tx.insert(linkClicks).values({ messageId: message.id, at: new Date(now), userAgent: request.headers['user-agent']?.slice(0, 300) ?? null })
      await tx
        .update(messages)
        .set({
          clickCount: sql`${messages.clickCount} + 1`,
          // A click proves delivery, over a carrier's failure report too; a message that failed before the provider took it stays failed.
          ...(first ? { clickedAt: new Date(now), status: sql`case when ${messages.status} = 'failed' and ${messages.sentAt} is null then 'failed' else 'clicked' end` } : {}),
        })
        .where(eq(messages.id, message.id))
    })
    // A click is an event like any other: it can enter a journey or end a wait-for-event. When acting
    // on it fails (a step that throws on the contact's data), the person still gets where the link goes.
    if (first) await app.runner.recordClicks([{ contactId: message.contactId, at: now }]).catch((error: unknown) => request.log.error(error))
    return reply.redirect(message.url, 302)
  })
}

export default linkRoutes
