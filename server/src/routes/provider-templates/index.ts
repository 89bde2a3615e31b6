import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ProviderTemplateInput, TEMPLATE_CLOUD_LABELS, TEMPLATE_CLOUDS } from '@recall/shared'
import Type from 'typebox'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { deliveryContext } from '../../repositories/delivery-context'
import { OptOutWordingBody, providerTemplatesRepository } from '../../repositories/provider-templates'
import { syncTemplates } from './sync'

const CloudParams = Type.Object({ provider: Type.Enum([...TEMPLATE_CLOUDS]) })
/** A console lists a few hundred templates at most; 2,000 is room to spare. */
const TemplateList = Type.Array(ProviderTemplateInput, { maxItems: 2000 })

/** Each cloud account's SMS templates: listed, imported from a file, or synced from the cloud. */
const providerTemplateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repository = providerTemplatesRepository(app.database.db)
  const tags = ['provider templates']
  const admin = { access: 'admin' as const }
  app.get('/', { config: { access: 'journeys:read' }, schema: { tags, summary: "The template clouds' templates and opt-out wordings" } }, async () => ({
    templates: await repository.list(),
    optOutWording: await repository.optOutWording(),
  }))
  app.get(
    '/delivery',
    {
      config: { access: 'journeys:read' },
      schema: { tags, summary: 'How each category goes out: provider, sign, opt-out wording and templates (what publishing checks against)' },
    },
    async () => deliveryContext(app.database.db),
  )
  app.post(
    '/:provider/import',
    {
      bodyLimit: BODY_LIMITS.default,
      config: admin,
      schema: { tags, summary: 'Add or update templates: all of the list or, when any is invalid, none', params: CloudParams, body: TemplateList },
    },
    async (request) => ({ templates: await repository.importAll(request.params.provider, request.body) }),
  )
  app.post(
    '/:provider/sync',
    {
      config: admin,
      schema: { tags, summary: "Replace the cloud's templates with its own list (Aliyun QuerySmsTemplateList, Tencent DescribeSmsTemplateList)", params: CloudParams },
    },
    async (request) => {
      const { provider } = request.params
      return { templates: await syncTemplates(provider, await app.providers(), repository, TEMPLATE_CLOUD_LABELS[provider]) }
    },
  )
  app.put(
    '/opt-out-wording',
    {
      bodyLimit: BODY_LIMITS.settings,
      config: admin,
      schema: { tags, summary: "Set a cloud's opt-out wording (default 回T退订 on Aliyun, 拒收请回复R on Tencent)", body: OptOutWordingBody },
    },
    async (request) => ({ optOutWording: await repository.saveOptOutWording(request.body) }),
  )
}

export default providerTemplateRoutes
