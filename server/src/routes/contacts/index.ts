import type { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { contactTimeZone, contactZones } from '@recall/engine'
import { pageSizePattern } from '@recall/shared'
import Type from 'typebox'
import { seesContacts } from '../../access/permissions'
import { principalName } from '../../approvals/rights'
import { consentSummary } from '../../contacts/consent-rule'
import { stillOptedOutNotes } from '../../contacts/merge-contacts'
import { NothingToImportError, nothingToImport } from '../../contacts/nothing-to-import'
import { optOutContact } from '../../contacts/opt-out-contact'
import { contactsFromRecords, invalidRowCount, isPolicyRefusal, type ReadContacts, rowProblems } from '../../contacts/read-contacts'
import { ImportLimitError, readContactStream } from '../../contacts/stream-contacts'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { ApiError, invalidRequest, requestLocale } from '../../plugins/errors'
import { INGESTION_RATE_LIMIT } from '../../plugins/rate-limits'
import { contactsRepository, MAX_IMPORT_ROWS } from '../../repositories/contacts'
import { settingsRepository } from '../../repositories/settings'

/** 100,000 rows with a dozen attribute columns fit well inside this, as CSV or as JSON. */
const MAX_CSV_BYTES = BODY_LIMITS.import

/** A file with every row wrong names the first few hundred; the message gives the total. */
const MAX_REPORTED_ROWS = 200

const ContactParams = Type.Object({ externalId: Type.String({ minLength: 1, maxLength: 200 }) })
const ListQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ maxLength: 100 })),
    after: Type.Optional(Type.String({ maxLength: 200 })),
    /** 1 to 200 (query strings are text here: the validator does not coerce). */
    limit: Type.Optional(Type.String({ pattern: pageSizePattern(200) })),
  },
  { additionalProperties: false },
)

const contactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repository = contactsRepository(app.database.db)
  const settings = settingsRepository(app.database.db)
  const tags = ['contacts']
  // CSV imports arrive as text/csv and are checked row by row as they stream in; JSON as an array of contacts.
  app.addContentTypeParser('text/csv', async (_request: unknown, payload: Readable) => {
    try {
      return { csv: await readContactStream(payload, { maxRows: MAX_IMPORT_ROWS, maxBytes: MAX_CSV_BYTES }) }
    } catch (cause) {
      if (cause instanceof NothingToImportError) throw nothingToImport(cause.kind)
      if (!(cause instanceof ImportLimitError)) throw cause
      throw cause.limit === 'rows'
        ? new ApiError(413, 'too_many_rows', { en: `At most ${MAX_IMPORT_ROWS} contacts per request`, zh: `每次最多导入 ${MAX_IMPORT_ROWS} 个联系人` })
        : new ApiError(413, 'file_too_large', { en: `A contacts file may be at most ${MAX_CSV_BYTES / 1024 / 1024} MB`, zh: `联系人文件最大 ${MAX_CSV_BYTES / 1024 / 1024} MB` })
    }
  })

  app.post(
    '/import',
    {
      bodyLimit: BODY_LIMITS.import,
      config: { access: 'contacts:write', rateLimit: INGESTION_RATE_LIMIT },
      schema: { tags, summary: `Upsert up to ${MAX_IMPORT_ROWS} contacts from JSON or CSV; all rows or none` },
    },
    async (request, reply) => {
      const body = request.body as { csv?: ReadContacts & { encoding?: string } } | unknown[]
      const csv = !Array.isArray(body) && body?.csv ? body.csv : undefined
      if (Array.isArray(body) && body.length === 0) throw nothingToImport('empty_list')
      const { contacts, errors, encoding } = csv ?? { ...contactsFromRecords(body, 'json'), encoding: undefined }
      if (errors.length > 0) {
        // A CSV's rows are its lines; a JSON body's are its items, pointed at by index as every JSON body is.
        const problems = rowProblems(errors.slice(0, MAX_REPORTED_ROWS), '', csv ? 'lines' : 'items')
        // A name the input policy refuses (a column headed "__proto__") is refused as it is in a JSON body, not counted as bad rows.
        if (errors.every(isPolicyRefusal)) throw invalidRequest(problems)
        throw new ApiError(
          400,
          'invalid_contacts',
          { en: `${invalidRowCount(errors)} row(s) are invalid; nothing was imported`, zh: `${invalidRowCount(errors)} 行数据有误,未导入任何联系人` },
          problems,
        )
      }
      const { consentGiven, inserted, updated, stillOptedOut } = await repository.upsert(contacts)
      reply.status(200)
      // How many were new (or stay opted out) tells which ids existed: said only to a caller that may read contacts.
      const split = seesContacts(request.principal) ? { inserted, updated, ...stillOptedOutNotes(stillOptedOut, requestLocale(request)) } : {}
      return { imported: inserted + updated, ...split, ...(encoding ? { encoding } : {}), consent: consentSummary(consentGiven, contacts.length, requestLocale(request)) }
    },
  )
  app.get(
    '/',
    { config: { access: 'contacts:read' }, schema: { tags, summary: 'Contacts in id order, paged, searchable by id, name or phone', querystring: ListQuery } },
    async (request) => {
      const listed = await repository.list({ search: request.query.search, after: request.query.after, limit: Number(request.query.limit ?? 50) })
      const { defaultTimeZone } = await settings.policies()
      const now = app.runner.clock()
      // Each row says where its sends are judged, so a contact without a zone of its own is not shown as having none.
      return {
        ...listed,
        contacts: listed.contacts.map((contact) => ({
          ...contact,
          sendZones: contactZones({ timeZone: contact.timeZone ?? undefined, phone: contact.phone }, defaultTimeZone, now),
        })),
      }
    },
  )
  app.get(
    '/:externalId',
    {
      config: { access: 'contacts:read' },
      schema: {
        tags,
        summary: 'A contact with its journeys and messages, the zones its sends are judged in, and the zone its times are written in (`timeZone`)',
        params: ContactParams,
      },
    },
    async (request) => {
      const detail = await repository.get(request.params.externalId)
      const { defaultTimeZone } = await settings.policies()
      // As the engine judges it: its own zone, else its number's country's zones, else the workspace's.
      const zoned = { timeZone: detail.contact.timeZone ?? undefined, phone: detail.contact.phone }
      const sendZones = contactZones(zoned, defaultTimeZone, app.runner.clock())
      // The zone its timeline and opt-outs are written in, for the page to write its own times in.
      return { ...detail, sendZones, timeZone: contactTimeZone(zoned, defaultTimeZone) }
    },
  )
  app.post(
    '/:externalId/opt-out',
    {
      config: { access: 'contacts:write' },
      schema: {
        tags,
        summary:
          'Opt a contact out as a colleague (an admin opt-out naming who did it): it follows the person to any number, their number goes on the suppression list, their marketing and recall journeys end; only a colleague lifts it, after a START reply from them',
        params: ContactParams,
      },
    },
    async (request) => {
      const by = principalName(request.principal)
      const outcome = await optOutContact(app.database.db, request.params.externalId, by, app.runner.clock())
      // No contact id, phone or name in the log: what it did.
      request.log.info({ exited: outcome.exited }, 'contact opted out by a colleague')
      return outcome
    },
  )
  app.delete(
    '/:externalId',
    {
      config: { access: 'contacts:write' },
      schema: { tags, summary: 'Delete a contact; its suppression entry stays (an unknown id: 404 with contacts:read, 204 without, as for a known one)', params: ContactParams },
    },
    async (request, reply) => {
      await repository.remove(request.params.externalId).catch((error: unknown) => {
        // A caller that may not read contacts must not learn from a 404 which ids exist; gone is gone.
        if (!(error instanceof ApiError && error.code === 'contact_not_found' && !seesContacts(request.principal))) throw error
      })
      return reply.status(204).send()
    },
  )
}

export default contactRoutes
