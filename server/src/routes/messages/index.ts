import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { MESSAGE_STATUSES, normalizedExternalId, pageSizePattern } from '@recall/shared'
import { and, desc, eq, lt, type SQL } from 'drizzle-orm'
import Type from 'typebox'
import { contacts, messages } from '../../db/schema/index'

const MessageQuery = Type.Object(
  {
    journeyId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    contactId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "The contact's external id" })),
    status: Type.Optional(Type.Enum([...MESSAGE_STATUSES])),
    /** Only test sends ("true") or only real ones ("false"). */
    test: Type.Optional(Type.Enum(['true', 'false'])),
    /** Messages with an id below this one: the next page. */
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
    limit: Type.Optional(Type.String({ pattern: pageSizePattern(500) })),
  },
  { additionalProperties: false },
)

const messageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  app.get(
    '/',
    {
      // Each message carries its number, its text (with the contact's name in it) and the contact's id.
      config: { access: ['messages:read', 'contacts:read'] },
      schema: { tags: ['messages'], summary: 'Messages, newest first, filtered by journey, contact, status and test sends; paged with `before`', querystring: MessageQuery },
    },
    async (request) => {
      const { journeyId, contactId, status, test, before, limit } = request.query
      const filters: SQL[] = []
      if (journeyId) filters.push(eq(messages.journeyId, journeyId))
      if (contactId) filters.push(eq(contacts.externalId, normalizedExternalId(contactId)))
      if (status) filters.push(eq(messages.status, status))
      if (test) filters.push(eq(messages.test, test === 'true'))
      if (before) filters.push(lt(messages.id, Number(before)))
      const rows = await db
        .select({ message: messages, contactId: contacts.externalId })
        .from(messages)
        .leftJoin(contacts, eq(contacts.id, messages.contactId))
        .where(and(...filters))
        .orderBy(desc(messages.id))
        .limit(Number(limit ?? 100))
      return { messages: rows.map((row) => ({ ...row.message, contactId: row.contactId })), next: rows.length > 0 ? String(rows.at(-1)?.message.id) : null }
    },
  )
}

export default messageRoutes
