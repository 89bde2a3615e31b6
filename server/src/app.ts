import './fastify-types'
import { existsSync } from 'node:fs'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import type { DatabaseHandle } from './db/database'
import { authPlugin } from './plugins/auth'
import { databasePlugin } from './plugins/database'
import { errorsPlugin } from './plugins/errors'
import { providersPlugin } from './plugins/providers'
import { rateLimitPlugin } from './plugins/rate-limits'
import { runnerPlugin } from './plugins/runner'
import apiKeyRoutes from './routes/api-keys/index'
import authRoutes from './routes/auth/index'
import contactRoutes from './routes/contacts/index'
import couponRoutes from './routes/coupons/index'
import eventRoutes from './routes/events/index'
import journeyRoutes from './routes/journeys/index'
import linkRoutes from './routes/links/index'
import mediaRoutes from './routes/media/index'
import messageRoutes from './routes/messages/index'
import monitoringRoutes from './routes/monitoring/index'
import segmentRoutes from './routes/segments/index'
import settingsRoutes from './routes/settings/index'
import simulationRoutes from './routes/simulations/index'
import userRoutes from './routes/users/index'
import webhookRoutes from './routes/webhooks/index'

export interface AppOptions {
  database: DatabaseHandle
  /** Fastify's logger: off, on, or at a level. */
  logger?: boolean | { level: string }
  /** The journeys' time in milliseconds since the epoch; injected by tests and the demo's accelerated clock. Sessions, keys and rate limits stay on the wall clock. */
  clock?: () => number
  /** Seals provider credentials at rest; RECALL_SECRET_KEY when not given. */
  secretKey?: string
  /** The built web app (web/dist), served on the same port as the API when it exists. */
  webRoot?: string
}

/** Builds the API as a plugin tree; server.ts only listens. Tests call `app.inject()` on it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 64 * 1024 * 1024 }).withTypeProvider<TypeBoxTypeProvider>()
  await app.register(errorsPlugin)
  await app.register(swagger, { openapi: { info: { title: 'Recall API', description: 'SMS and MMS customer recall journeys', version: '0.1.0' } } })
  await app.register(databasePlugin, { database: options.database })
  await app.register(runnerPlugin, { clock: options.clock ?? Date.now })
  await app.register(authPlugin)
  await app.register(providersPlugin, { secretKey: options.secretKey ?? process.env.RECALL_SECRET_KEY })
  await app.register(rateLimitPlugin)
  app.get('/api/health', { config: { access: 'public' }, schema: { tags: ['health'] } }, async () => ({ status: 'ok', database: options.database.kind }))
  await app.register(journeyRoutes, { prefix: '/api/journeys' })
  await app.register(contactRoutes, { prefix: '/api/contacts' })
  await app.register(eventRoutes, { prefix: '/api/events' })
  await app.register(settingsRoutes, { prefix: '/api/settings' })
  await app.register(messageRoutes, { prefix: '/api/messages' })
  await app.register(segmentRoutes, { prefix: '/api/segments' })
  await app.register(mediaRoutes, { prefix: '/api/media' })
  await app.register(couponRoutes, { prefix: '/api/coupons' })
  await app.register(simulationRoutes, { prefix: '/api' })
  await app.register(monitoringRoutes, { prefix: '/api/journeys' })
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
