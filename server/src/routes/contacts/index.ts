import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { contactsFromRecords, readContacts } from '../../contacts/read-contacts'
import { ApiError } from '../../plugins/errors'
import { contactsRepository, MAX_IMPORT_ROWS } from '../../repositories/contacts'

const ContactParams = Type.Object({ externalId: Type.String({ minLength: 1, maxLength: 200 }) })

const contactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repository = contactsRepository(app.database.db)
  const tags = ['contacts']
  // CSV imports arrive as text/csv; JSON as an array of contacts.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_request, body, done) => done(null, body))

  app.post('/import', { schema: { tags, summary: `Upsert up to ${MAX_IMPORT_ROWS} contacts from JSON or CSV; all rows or none` } }, async (request, reply) => {
    const isCsv = typeof request.body === 'string'
    const { contacts, errors } = isCsv ? readContacts(request.body as string, 'csv') : contactsFromRecords(request.body, 'json')
    if (errors.length > 0) {
      throw new ApiError(
        400,
        'invalid_contacts',
        { en: `${errors.length} row(s) are invalid; nothing was imported`, zh: `${errors.length} 行数据有误,未导入任何联系人` },
        errors.map((error) => ({ code: 'contact.invalid', severity: 'error' as const, path: `/${error.row}/${error.field}`, message: error.message })),
      )
    }
    const result = await repository.upsert(contacts)
    reply.status(200)
    return result
  })
  app.get('/:externalId', { schema: { tags, summary: 'A contact with its journeys and messages', params: ContactParams } }, async (request) =>
    repository.get(request.params.externalId),
  )
  app.delete('/:externalId', { schema: { tags, summary: 'Delete a contact; its suppression entry stays', params: ContactParams } }, async (request, reply) => {
    await repository.remove(request.params.externalId)
    return reply.status(204).send()
  })
}

export default contactRoutes
