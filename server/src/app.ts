import './fastify-types'
import { existsSync } from 'node:fs'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import type { DatabaseHandle } from './db/database'
import { authPlugin } from './plugins/auth'
import { BODY_LIMITS, MAX_PARAM_LENGTH } from './plugins/body-limits'
import { clientErrorHandler } from './plugins/client-errors'
import { databasePlugin } from './plugins/database'
import { errorsPlugin, frameworkError, send } from './plugins/errors'
import { inputPolicyPlugin } from './plugins/input-policy'
import { liveSnapshotsPlugin } from './plugins/live-snapshots'
import { type LogOptions, loggerOptions } from './plugins/logging'
import { providersPlugin } from './plugins/providers'
import { rateLimitPlugin } from './plugins/rate-limits'
import { runnerPlugin } from './plugins/runner'
import { securityHeadersPlugin } from './plugins/security-headers'
import apiKeyRoutes from './routes/api-keys/index'
import authRoutes from './routes/auth/index'
import catalogRoutes from './routes/catalog/index'
import contactRoutes from './routes/contacts/index'
import couponRoutes from './routes/coupons/index'
import eventRoutes from './routes/events/index'
import importRoutes from './routes/imports/index'
import forecastRoutes from './routes/journeys/forecast'
import journeyRoutes from './routes/journeys/index'
import scheduleRoutes from './routes/journeys/schedule'
import linkRoutes from './routes/links/index'
import mediaRoutes from './routes/media/index'
import messageRoutes from './routes/messages/index'
import monitoringRoutes from './routes/monitoring/index'
import previewRoutes from './routes/previews/index'
import programRoutes from './routes/program/index'
import providerTemplateRoutes from './routes/provider-templates/index'
import replyRoutes from './routes/replies/index'
import segmentRoutes from './routes/segments/index'
import settingsRoutes from './routes/settings/index'
import simulationRoutes from './routes/simulations/index'
import userRoutes from './routes/users/index'
import trackingRoutes from './routes/v1/index'
import webhookRoutes from './routes/webhooks/index'

export interface AppOptions {
  database: DatabaseHandle
  /** Fastify's logger: off, or at a level (personal data redacted). */
  logger?: false | LogOptions
  /** The journeys' time in milliseconds since the epoch; injected by tests and the demo's accelerated clock. Sessions, keys and rate limits stay on the wall clock. */
  clock?: () => number
  /** Real milliseconds per journeys' millisecond (1 on the wall clock, 1/3600 on the demo's): a failing step waits real time. */
  realPerSimulated?: number
  /** Seals provider credentials at rest; RECALL_SECRET_KEY when not given. */
  secretKey?: string
  /** The built web app (web/dist), served on the same port as the API when it exists. */
  webRoot?: string
  /** Which proxies' X-Forwarded-For to believe (RECALL_TRUST_PROXY), so rate limits key on the real client. */
  trustProxy?: boolean | string
  /** How long a running import may go without its process's heartbeat before another process marks it interrupted (RECALL_IMPORT_STALE_SECONDS; 60 s). */
  importStaleSeconds?: number
}

/**
 * RECALL_TRUST_PROXY: unset or "false" trusts no proxy; "true" trusts any (only when nothing but the
 * proxy can reach the server); otherwise a comma-separated list of proxy addresses or CIDR ranges.
 */
export function trustProxySetting(value: string | undefined): boolean | string {
  const setting = value?.trim() ?? ''
  if (setting === '' || setting === 'false') return false
  return setting === 'true' ? true : setting
}

/** Builds the API as a plugin tree; server.ts only listens. Tests call `app.inject()` on it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? loggerOptions(options.logger) : false,
    bodyLimit: BODY_LIMITS.default,
    trustProxy: options.trustProxy ?? false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // A broken URL or an overlong parameter is refused before any route runs: still in the one error shape.
    frameworkErrors: (error, request, reply) => send(reply, request, frameworkError(error, request)),
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>()
  await app.register(errorsPlugin)
  await app.register(securityHeadersPlugin)
  await app.register(inputPolicyPlugin)
  await app.register(swagger, { openapi: { info: { title: 'Recall API', description: 'SMS and MMS customer recall journeys', version: '0.1.0' } } })
  await app.register(databasePlugin, { database: options.database })
  await app.register(runnerPlugin, { clock: options.clock ?? Date.now, realPerSimulated: options.realPerSimulated ?? 1 })
  await app.register(liveSnapshotsPlugin)
  // Before auth, which counts refused callers of limited routes with it.
  await app.register(rateLimitPlugin)
  await app.register(authPlugin)
  await app.register(providersPlugin, { secretKey: options.secretKey ?? process.env.RECALL_SECRET_KEY })
  app.get('/api/health', { config: { access: 'public' }, schema: { tags: ['health'] } }, async () => ({ status: 'ok', database: options.database.kind }))
  await app.register(journeyRoutes, { prefix: '/api/journeys' })
  await app.register(scheduleRoutes, { prefix: '/api/journeys' })
  await app.register(forecastRoutes, { prefix: '/api/journeys' })
  await app.register(contactRoutes, { prefix: '/api/contacts' })
  await app.register(eventRoutes, { prefix: '/api/events' })
  await app.register(importRoutes, { prefix: '/api/imports', ...(options.importStaleSeconds ? { staleSeconds: options.importStaleSeconds } : {}) })
  await app.register(trackingRoutes, { prefix: '/api/v1' })
  await app.register(settingsRoutes, { prefix: '/api/settings' })
  await app.register(providerTemplateRoutes, { prefix: '/api/provider-templates' })
  await app.register(messageRoutes, { prefix: '/api/messages' })
  await app.register(replyRoutes, { prefix: '/api/replies' })
  await app.register(segmentRoutes, { prefix: '/api/segments' })
  await app.register(catalogRoutes, { prefix: '/api/catalog' })
  await app.register(mediaRoutes, { prefix: '/api/media' })
  await app.register(couponRoutes, { prefix: '/api/coupons' })
  await app.register(simulationRoutes, { prefix: '/api' })
  await app.register(programRoutes, { prefix: '/api/program' })
  await app.register(monitoringRoutes, { prefix: '/api/journeys' })
  await app.register(previewRoutes, { prefix: '/api/journeys' })
  await app.register(authRoutes, { prefix: '/api/auth' })
  await app.register(linkRoutes, { prefix: '/l' })
  await app.register(webhookRoutes, { prefix: '/api/webhooks/sms' })
  await app.register(userRoutes, { prefix: '/api/users' })
  await app.register(apiKeyRoutes, { prefix: '/api/api-keys' })
  app.get('/api/openapi.json', { config: { access: 'authenticated' }, schema: { hide: true } }, async () => app.swagger())
  if (options.webRoot && existsSync(options.webRoot)) await app.register(webAppPlugin, { root: options.webRoot })
  return app
}

/** The web app's files; its pages are addressed after the # (#/journeys/…), so "/" serves them all. */
async function webAppPlugin(app: FastifyInstance, options: { root: string }) {
  await app.register(fastifyStatic, { root: options.root, wildcard: false })
}
