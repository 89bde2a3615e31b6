import type { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { localize } from '@recall/shared'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { CONSENT_RULE } from '../../contacts/consent-rule'
import { type ImportFormat, importJobs } from '../../contacts/import-job'
import { IMPORT_STALE_SECONDS, sweepInterruptedImports } from '../../contacts/import-sweep'
import { type ContactRowError, rowPath } from '../../contacts/read-contacts'
import { ApiError, requestLocale } from '../../plugins/errors'
import { INGESTION_RATE_LIMIT } from '../../plugins/rate-limits'

const FORMATS: Record<string, ImportFormat> = { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson', 'application/ndjson': 'ndjson' }
const ImportParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })

/**
 * Contacts files of any size (CSV or NDJSON, one contact per line) imported as background jobs:
 * the answer comes once the file has arrived; progress, errors and the result are read from
 * GET /api/imports/:id, by this page or one opened later.
 */
const importRoutes: FastifyPluginAsyncTypebox<{ staleSeconds?: number }> = async (app, { staleSeconds = IMPORT_STALE_SECONDS }) => {
  // The error's kind, code, message and stack, scrubbed by the logger's serializer of the values a driver quotes (ids, phone numbers).
  const jobs = importJobs(app.database.db, (error) => app.log.error({ err: error }, 'contacts import failed'), staleSeconds)
  app.addHook('onClose', async () => jobs.settled())
  // Jobs a stopped process left "running" are marked interrupted at start-up. On PGlite this process
  // is the only one, so every running job is; on PostgreSQL other servers may be importing, so only
  // jobs whose heartbeat stopped, at start-up and then as often as one can go stale.
  const sweep = (everyRunning: boolean) =>
    sweepInterruptedImports(app.database.db, { everyRunning, staleSeconds }).then((swept) => {
      if (swept.length > 0) app.log.warn({ imports: swept.length }, 'imports interrupted by a restart marked as such')
    })
  let sweeper: NodeJS.Timeout | undefined
  app.addHook('onReady', async () => {
    await sweep(app.database.kind === 'pglite')
    if (app.database.kind === 'postgres') sweeper = setInterval(() => void sweep(false).catch(() => undefined), staleSeconds * 1_000).unref()
  })
  app.addHook('onClose', async () => clearInterval(sweeper))
  // The body is left as a stream: the job spools it to disk, so no file is ever held in memory.
  app.addContentTypeParser(Object.keys(FORMATS), (_request, payload, done) => done(null, payload))
  const tags = ['contacts']
  const localized = (request: FastifyRequest, job: Awaited<ReturnType<typeof jobs.get>>) => {
    const locale = requestLocale(request)
    return {
      ...job,
      // Each error as the API's problems say it: a code and a path (/body/<line>/<field>), worked out here so that jobs
      // stored before either was given answer alike. The job's own end (a restart, our failure) is not the file's fault.
      errors: (job.errors as ContactRowError[]).map((error) => ({
        ...error,
        code: error.code ?? (error.row === 0 && (job.status === 'failed' || job.status === 'interrupted') ? `import.${job.status}` : 'contact.invalid'),
        path: rowPath(error),
        text: localize(error.message, locale),
      })),
      consentRule: localize(CONSENT_RULE, locale),
    }
  }

  app.post(
    '/',
    {
      config: { access: 'contacts:write', rateLimit: INGESTION_RATE_LIMIT },
      schema: { tags, summary: 'Start importing a contacts file (text/csv or application/x-ndjson), all rows or none; answers 202 with the job' },
    },
    async (request, reply) => {
      const format = FORMATS[(request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '']
      if (!format)
        throw new ApiError(415, 'unsupported_file', {
          en: 'Send the file as text/csv or application/x-ndjson',
          zh: '请以 text/csv 或 application/x-ndjson 格式上传文件',
        })
      const id = await jobs.start(request.body as Readable, format)
      reply.status(202)
      return localized(request, await jobs.get(id))
    },
  )
  app.get('/', { config: { access: 'contacts:read' }, schema: { tags, summary: 'The latest imports, newest first' } }, async (request) => ({
    imports: (await jobs.recent()).map((job) => localized(request, job)),
  }))
  app.get(
    '/:id',
    { config: { access: 'contacts:read' }, schema: { tags, summary: 'An import: status, rows read and valid, percent, errors (first 100) and result', params: ImportParams } },
    async (request) => localized(request, await jobs.get(request.params.id)),
  )
}

export default importRoutes
