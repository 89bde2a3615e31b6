import { sql } from 'drizzle-orm'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { expect } from 'vitest'
import { cloudSignature } from '../../src/providers/cloud'
import { sandboxSignature } from '../../src/providers/sandbox'
import { authorizedApp } from './app'
import { type DatabaseKind, testDatabase, useOpenForBlock } from './databases'

export const RELAY_SECRET = 'sandbox-webhook-secret'
/** Recall's generic template cloud, whose callbacks are signed over x-acs-timestamp and the body. */
export const TEMPLATE_CLOUD = {
  baseUrl: 'https://sms.cloud.example',
  accessKeyId: 'LTAI',
  signName: '乐享商城',
  accessKeySecret: 'cloud-access-secret',
  callbackSecret: 'cloud-callback-secret',
}

const languageHeader = (language: 'en' | 'zh') => ({ 'accept-language': language === 'zh' ? 'zh-CN' : 'en' })

/** A callback in Recall's own format (the sandbox, a relay), signed now on the wall clock, as the route checks it. */
export function relayCallback(path: 'status' | 'inbound', body: unknown, language: 'en' | 'zh' = 'en'): InjectOptions {
  const raw = typeof body === 'string' ? body : JSON.stringify(body)
  const timestamp = String(Math.floor(Date.now() / 1000))
  return {
    method: 'POST',
    url: `/api/webhooks/sms/sandbox/${path}`,
    headers: {
      anonymous: 'yes',
      'content-type': 'application/json',
      'x-recall-timestamp': timestamp,
      'x-recall-signature': sandboxSignature(RELAY_SECRET, timestamp, raw),
      ...languageHeader(language),
    },
    payload: raw,
  }
}

/** A push from the template cloud, signed as it signs. */
export function templateCloudCallback(path: 'status' | 'inbound', body: unknown, language: 'en' | 'zh' = 'en'): InjectOptions {
  const raw = JSON.stringify(body)
  const timestamp = new Date().toISOString()
  return {
    method: 'POST',
    url: `/api/webhooks/sms/cloud/${path}`,
    headers: {
      anonymous: 'yes',
      'content-type': 'application/json',
      'x-acs-timestamp': timestamp,
      'x-acs-signature': cloudSignature(TEMPLATE_CLOUD.callbackSecret, timestamp, raw),
      ...languageHeader(language),
    },
    payload: raw,
  }
}

/** A describe block's API on a fresh database, its clock fixed at `now`, with the sandbox's and the template cloud's callback keys saved. */
export function useRelayApp(kind: DatabaseKind, now: number): () => FastifyInstance {
  return useOpenForBlock(
    async () => authorizedApp({ database: await testDatabase(kind), clock: () => now, secretKey: 'a-long-test-secret-key-0123456789' }),
    async (app) => {
      const saved = await app.inject({ method: 'PUT', url: '/api/settings/providers', payload: { sandbox: { webhookSecret: RELAY_SECRET }, cloud: TEMPLATE_CLOUD } })
      expect(saved.statusCode).toBe(200)
    },
    'the app receiving relayed callbacks',
  )
}

/** Rows in the tables a callback writes to: a refused one must leave them all as they were. */
export async function callbackRowCounts(app: FastifyInstance): Promise<Record<string, number>> {
  const counted = await app.database.db.execute(
    sql`select (select count(*) from inbound_messages)::int as replies, (select count(*) from suppressions)::int as suppressions,
      (select count(*) from webhook_callbacks)::int as claims, (select count(*) from early_receipts)::int as early,
      (select count(*) from messages where status <> 'sent')::int as settled`,
  )
  return (counted as unknown as { rows: Record<string, number>[] }).rows[0] as Record<string, number>
}
