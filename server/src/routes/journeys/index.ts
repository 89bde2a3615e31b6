import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type Locale, localize, normalizedExternalId } from '@recall/shared'
import Type from 'typebox'
import { principalAllows, seesContacts } from '../../access/permissions'
import { checkPublish } from '../../approvals/publish-check'
import { personRef, principalName, publishRightsOf } from '../../approvals/rights'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { requestLocale } from '../../plugins/errors'
import { contactsRepository } from '../../repositories/contacts'
import { revisionOf, seenDraftOf } from '../../repositories/draft-conflict'
import { journeysRepository } from '../../repositories/journeys'
import { monitoringRepository } from '../../repositories/monitoring'
import { publishSchedulesRepository } from '../../repositories/publish-schedules'
import approvalRoutes from './approvals'
import journeyHeadRoutes from './head'
import { presenceHub } from './presence'
import journeyTagRoutes from './tags'

/** The note names this many of the ids that are no contacts; `notFound` lists them all. */
const NAMED_UNKNOWN = 20

/** Ids an enrollment named that are no contacts: not enrolled, not counted as accepted, and said so. */
function unknownContacts(ids: readonly string[], locale: Locale) {
  const named = ids.slice(0, NAMED_UNKNOWN).join(', ')
  const more = ids.length > NAMED_UNKNOWN ? { en: ` and ${ids.length - NAMED_UNKNOWN} more`, zh: ` 等 ${ids.length} 个` } : { en: '', zh: '' }
  const note = { en: `No contact with the id ${named}${more.en}: not enrolled`, zh: `没有编号为 ${named}${more.zh} 的联系人:未加入` }
  return { notFound: ids, note: localize(note, locale) }
}

const JourneyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })
const VersionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }), version: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) })
const EnrollBody = Type.Object({ contactIds: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 100_000 }) }, { additionalProperties: false })
const PublishBody = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 500 })),
    /** Move contacts in flight onto the new version where their node still exists; otherwise they finish on theirs. */
    migrate: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
/** The journey document is checked by validateJourney itself, which reports every problem with its path. */
const DocumentBody = Type.Object({}, { additionalProperties: true, description: 'A journey document: see /schema/journey.schema.json' })

/** How long the journeys list may show a journey's alarms before looking again. */
const ALARMS_FRESH_MS = 30_000

const journeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repository = journeysRepository(app.database.db)
  const monitoring = monitoringRepository(app.database.db)
  const schedules = publishSchedulesRepository(app.database.db)
  const recentAlarms = new Map<string, { at: number; codes: string[] }>()
  const tags = ['journeys']
  await app.register(journeyTagRoutes)
  await app.register(journeyHeadRoutes)
  await app.register(approvalRoutes)
  const presence = presenceHub()
  const streams = new Set<() => void>()
  app.addHook('onClose', async () => {
    for (const end of streams) end()
  })

  app.get('/', { config: { access: 'journeys:read' }, schema: { tags, summary: 'List journeys' } }, async () => {
    // Live journeys carry their alarms, so the list shows which one needs a look.
    const listed = await repository.list()
    const alarmsOf = async (journey: (typeof listed)[number]) => {
      if (journey.liveVersion === null) return []
      // A big journey's snapshot takes a few hundred milliseconds: the list reuses one for a while.
      const cached = recentAlarms.get(journey.id)
      if (cached && Date.now() - cached.at < ALARMS_FRESH_MS) return cached.codes
      const codes = (await monitoring.snapshot(journey.id)).alarms.map((alarm) => alarm.code)
      recentAlarms.set(journey.id, { at: Date.now(), codes })
      return codes
    }
    return { journeys: await Promise.all(listed.map(async (journey) => ({ ...journey, alarms: await alarmsOf(journey) }))) }
  })
  app.post(
    '/',
    {
      bodyLimit: BODY_LIMITS.journey,
      config: { access: 'journeys:write' },
      schema: { tags, summary: 'Create a journey from a document (a draft; problems are returned, not refused)', body: DocumentBody },
    },
    async (request, reply) => {
      reply.status(201)
      return repository.create(request.body)
    },
  )
  app.get(
    '/:id',
    { config: { access: 'journeys:read' }, schema: { tags, summary: 'Get a journey with its draft and problems; the ETag is the draft revision', params: JourneyParams } },
    async (request, reply) => {
      const found = await repository.get(request.params.id)
      reply.header('etag', `"${found.journey.draftRevision}"`)
      return { ...found, schedule: await schedules.of(request.params.id) }
    },
  )
  app.put(
    '/:id/draft',
    {
      bodyLimit: BODY_LIMITS.journey,
      config: { access: 'journeys:write' },
      schema: {
        tags,
        summary: 'Replace the draft; with If-Match (the ETag read) a newer draft saved meanwhile answers 412 with who and what',
        params: JourneyParams,
        body: DocumentBody,
      },
    },
    async (request, reply) => {
      const by = request.principal && principalName(request.principal)
      const saver = { person: personRef(request.principal), name: principalName(request.principal), at: app.runner.clock() }
      const saved = await repository.updateDraft(request.params.id, request.body, { ifRevision: revisionOf(request.headers['if-match']), saver, ...(by ? { by } : {}) })
      reply.header('etag', `"${saved.journey.draftRevision}"`)
      presence.saved(request.params.id, saved.journey.draftRevision, by)
      return saved
    },
  )
  app.get(
    '/:id/presence',
    {
      config: { access: 'journeys:read' },
      schema: { tags, summary: 'Server-sent events: who has this journey open in the editor, and each new draft revision with who saved it', params: JourneyParams },
    },
    async (request, reply) => {
      await repository.get(request.params.id)
      reply.hijack()
      const { principal } = request
      const watcher = { name: principal ? principalName(principal) : '?', viewing: !principal || !principalAllows(principal, 'journeys:write') }
      const end = presence.join(request.params.id, watcher, reply)
      const stop = () => {
        streams.delete(stop)
        end()
      }
      streams.add(stop)
      request.raw.on('close', stop)
    },
  )
  app.post(
    '/:id/validate',
    {
      config: { access: 'journeys:read' },
      schema: { tags, summary: "Validate the draft; without errors, also warn where its sends would be held in the zones of the workspace's contacts", params: JourneyParams },
    },
    async (request) => ({ problems: await repository.validate(request.params.id, app.runner.clock()) }),
  )
  app.post(
    '/:id/publish',
    {
      config: { access: 'journeys:write' },
      schema: {
        tags,
        summary:
          'Publish the draft as a new immutable version; with If-Match (the ETag read) another draft revision answers 412 draft_changed; 403 approval_required when it needs a review first',
        params: JourneyParams,
        body: Type.Optional(PublishBody),
      },
    },
    async (request) => {
      const migrate = request.body?.migrate ?? false
      const seen = seenDraftOf(request.headers['if-match'], 'publish')
      // Judged first (the revision seen, rights, and the forecast against the workspace rule); the publish then insists on the draft revision judged.
      const { forecast, revision } = await checkPublish(app.database.db, request.params.id, publishRightsOf(request.principal), { now: app.runner.clock(), migrate, seen })
      const checked = { by: principalName(request.principal), forecast, expectedRevision: revision, seenRevision: seen?.revision, now: app.runner.clock() }
      return repository.publish(request.params.id, request.body?.note ?? '', migrate, undefined, checked)
    },
  )
  app.post(
    '/:id/pause',
    { config: { access: 'journeys:write' }, schema: { tags, summary: 'Pause: no one enters or moves on until resumed', params: JourneyParams } },
    async (request) => ({
      journey: await repository.setStatus(request.params.id, 'paused'),
    }),
  )
  app.post('/:id/resume', { config: { access: 'journeys:write' }, schema: { tags, summary: 'Resume a paused journey', params: JourneyParams } }, async (request) => ({
    journey: await repository.setStatus(request.params.id, 'live'),
  }))
  app.post('/:id/archive', { config: { access: 'journeys:write' }, schema: { tags, summary: 'Archive: read-only from now on', params: JourneyParams } }, async (request) => {
    const journey = await repository.setStatus(request.params.id, 'archived', app.runner.clock())
    presence.ended(request.params.id, 'archived')
    return { journey }
  })
  app.delete(
    '/:id',
    { config: { access: 'journeys:write' }, schema: { tags, summary: 'Delete a journey never published (a published one is archived instead: 409)', params: JourneyParams } },
    async (request, reply) => {
      await repository.remove(request.params.id)
      presence.ended(request.params.id, 'deleted')
      return reply.status(204).send()
    },
  )
  app.post(
    '/:id/enroll',
    {
      bodyLimit: BODY_LIMITS.enroll,
      config: { access: 'journeys:write' },
      schema: {
        tags,
        summary: 'Enroll contacts (by external id) through the "added by API" trigger: how many ids were taken, and (with contacts:read) how many entered',
        params: JourneyParams,
        body: EnrollBody,
      },
    },
    async (request) => {
      // An id named twice is one contact, taken once (it was counted twice in `accepted`).
      const ids = [...new Set(request.body.contactIds.map(normalizedExternalId))]
      const entered = await app.runner.enrollByApi(request.params.id, ids)
      // How many entered, and which ids are no contacts, tell which ids are contacts: said only to a caller that may read contacts.
      if (!seesContacts(request.principal)) return { accepted: ids.length }
      const found = await contactsRepository(app.database.db).existing(ids)
      const notFound = ids.filter((id) => !found.has(id))
      return { accepted: ids.length - notFound.length, entered, ...(notFound.length > 0 ? unknownContacts(notFound, requestLocale(request)) : {}) }
    },
  )
  app.get(
    '/:id/counts',
    { config: { access: 'journeys:read' }, schema: { tags, summary: 'Active contacts per node, across versions', params: JourneyParams } },
    async (request) => {
      await repository.get(request.params.id)
      return { counts: await app.runner.nodeCounts(request.params.id) }
    },
  )
  app.get('/:id/versions', { config: { access: 'journeys:read' }, schema: { tags, summary: 'List published versions', params: JourneyParams } }, async (request) => ({
    versions: await repository.versions(request.params.id),
  }))
  app.get('/:id/versions/:version', { config: { access: 'journeys:read' }, schema: { tags, summary: 'Get one published version', params: VersionParams } }, async (request) =>
    repository.version(request.params.id, Number(request.params.version)),
  )
}

export default journeyRoutes
