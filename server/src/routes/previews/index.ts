import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { requireScope } from '../../plugins/auth'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { INGESTION_RATE_LIMIT, personKey } from '../../plugins/rate-limits'
import { composeForContact, previewedContact, toMessagePreview } from '../../previews/compose'
import { sendTest } from '../../previews/test-send'
import { sendPolicies } from '../../providers/send-rules'
import { workspaceValidation } from '../../repositories/delivery-context'
import { documentOrThrow, journeysRepository } from '../../repositories/journeys'
import { workspaceSettingsRepository } from '../../repositories/workspace-settings'

const JourneyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) })
/** The editor's document as it stands (saved or not); checked by validateJourney, which names every field. */
const EditorDocument = Type.Object({}, { additionalProperties: true, description: 'A journey document: see /schema/journey.schema.json' })
const ContactId = Type.String({ minLength: 1, maxLength: 200, description: "A contact's external id; the sample contact when absent" })
const PreviewBody = Type.Object({ document: EditorDocument, contactId: Type.Optional(ContactId) }, { additionalProperties: false })
const TestSendBody = Type.Object(
  {
    document: EditorDocument,
    nodeId: Type.String({ minLength: 1, maxLength: 100 }),
    phone: Type.String({ minLength: 1, maxLength: 40 }),
    contactId: Type.Optional(ContactId),
  },
  { additionalProperties: false },
)

/**
 * Test sends per person per minute (wall clock, as every security timer): enough to try a few phones,
 * too few to spam anyone, however many keys the person holds.
 */
export const TEST_SEND_RATE_LIMIT = { ...INGESTION_RATE_LIMIT, max: 10, timeWindow: '1 minute', keyGenerator: personKey }

/**
 * A real contact rendered into a message shows any attribute of theirs: that takes the contacts' own
 * scope, asked before anything is read (a 404 would tell who exists). The sample contact needs none.
 */
async function realContactNeedsScope(request: FastifyRequest) {
  if ((request.body as { contactId?: string }).contactId !== undefined) requireScope(request, 'contacts:read')
}

/** Preview as a contact and test sends: the draft's messages rendered by the code that sends them. */
const previewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  const journeys = journeysRepository(db)
  const tags = ['journeys']

  app.post(
    '/:id/preview',
    {
      bodyLimit: BODY_LIMITS.journey,
      preHandler: realContactNeedsScope,
      config: { access: 'journeys:read' },
      schema: { tags, summary: 'Every message of the given draft as one contact (or the sample) would get it now', params: JourneyParams, body: PreviewBody },
    },
    async (request) => {
      await journeys.get(request.params.id)
      const { document } = documentOrThrow(request.body.document, await workspaceValidation(app.database.db))
      const contact = await previewedContact(db, request.body.contactId)
      const policies = await sendPolicies(db)
      const key = `preview:${contact.summary.id}`
      const { composed, incomplete } = composeForContact(document, contact.view, policies, app.runner.clock(), (nodeId) => `${key}:${nodeId}`)
      return { contact: contact.summary, messages: composed.map((message) => toMessagePreview(message, policies.shortLinkBase)), incomplete }
    },
  )

  app.post(
    '/:id/test-sends',
    {
      bodyLimit: BODY_LIMITS.journey,
      preHandler: realContactNeedsScope,
      config: { access: 'journeys:write', rateLimit: TEST_SEND_RATE_LIMIT },
      schema: {
        tags,
        summary: 'Send one message node, rendered for a contact, to a test phone: no enrollment, not counted by caps, marked test',
        params: JourneyParams,
        body: TestSendBody,
      },
    },
    async (request, reply) => {
      const { id } = request.params
      await journeys.get(id)
      const { document } = documentOrThrow(request.body.document, await workspaceValidation(app.database.db))
      const contact = await previewedContact(db, request.body.contactId)
      const workspace = await workspaceSettingsRepository(db).load()
      const sent = await sendTest(
        {
          db,
          providers: app.providers,
          policies: await sendPolicies(db),
          pricing: { perPart: workspace.pricePerPart, perMms: workspace.pricePerMms },
          now: app.runner.clock(),
          wallNow: Date.now(),
        },
        { journeyId: id, document, nodeId: request.body.nodeId, phone: request.body.phone, contact },
      )
      reply.status(201)
      return sent
    },
  )
}

export default previewRoutes
