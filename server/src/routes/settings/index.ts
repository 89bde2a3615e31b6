import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { canonicalTimeZone } from '@recall/engine'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { invalidRequest } from '../../plugins/errors'
import { ProviderSettingsBody } from '../../providers/settings'
import { assertUsablePolicies } from '../../repositories/policy-checks'
import { providerSettingsRepository, publicView } from '../../repositories/provider-settings'
import { assertPoliciesKeepJourneysSendable } from '../../repositories/route-change-checks'
import { completePolicies, SendPoliciesSchema, settingsRepository } from '../../repositories/settings'
import { WorkspaceSettingsPatchSchema, workspaceSettingsRepository } from '../../repositories/workspace-settings'

const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repository = settingsRepository(app.database.db)
  const tags = ['settings']
  app.get('/policies', { config: { access: 'settings:read' }, schema: { tags, summary: 'Send policies: time zone, quiet hours, category windows, caps, holidays' } }, async () =>
    repository.policies(),
  )
  app.put(
    '/policies',
    { bodyLimit: BODY_LIMITS.settings, config: { access: 'settings:write' }, schema: { tags, summary: 'Replace the send policies', body: SendPoliciesSchema } },
    async (request) => {
      const defaultTimeZone = canonicalTimeZone(request.body.defaultTimeZone)
      if (!defaultTimeZone) {
        throw invalidRequest([
          {
            code: 'settings.time_zone',
            severity: 'error',
            path: '/body/defaultTimeZone',
            message: { en: `"${request.body.defaultTimeZone}" is not a known time zone`, zh: `"${request.body.defaultTimeZone}" 不是有效的时区` },
          },
        ])
      }
      const input = { ...request.body, defaultTimeZone }
      const policies = completePolicies(input)
      assertUsablePolicies(policies)
      await assertPoliciesKeepJourneysSendable(app.database.db, policies)
      return repository.savePolicies(input)
    },
  )
  const workspace = workspaceSettingsRepository(app.database.db)
  app.get('/workspace', { config: { access: 'settings:read' }, schema: { tags, summary: 'Prices per SMS part and MMS, and the live alarm levels' } }, async () => workspace.load())
  app.put(
    '/workspace',
    {
      bodyLimit: BODY_LIMITS.settings,
      config: { access: 'settings:write' },
      schema: { tags, summary: 'Set prices, alarm levels, event intake and the control group; fields left out keep their stored values', body: WorkspaceSettingsPatchSchema },
    },
    async (request) => workspace.save(request.body),
  )
  const providers = providerSettingsRepository(app.database.db, app.secretBox)
  const admin = { access: 'admin' as const }
  app.get('/providers', { config: admin, schema: { tags, summary: 'Which provider sends each category; credentials are never answered' } }, async () =>
    publicView(await providers.load()),
  )
  app.put(
    '/providers',
    {
      bodyLimit: BODY_LIMITS.settings,
      config: admin,
      schema: { tags, summary: 'Set providers and credentials (sealed at rest; leave a secret out to keep it)', body: ProviderSettingsBody },
    },
    async (request) => {
      const saved = await providers.save(request.body)
      app.providers.invalidate()
      return publicView(saved)
    },
  )
}

export default settingsRoutes
