import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import type { AppOptions } from '../../src/app'
import { authorizedApp } from './app'
import { ALIYUN_ACCOUNT, TENCENT_ACCOUNT } from './cloud-accounts'
import { type DatabaseKind, testDatabase, useOpenForBlock } from './databases'

/** Where each cloud pushes, with the token its console was given. */
export const CALLBACK_URLS = {
  aliyunStatus: `/api/webhooks/sms/aliyun/status?token=${ALIYUN_ACCOUNT.callbackToken}`,
  aliyunInbound: `/api/webhooks/sms/aliyun/inbound?token=${ALIYUN_ACCOUNT.callbackToken}`,
  tencentStatus: `/api/webhooks/sms/tencent/status?token=${TENCENT_ACCOUNT.callbackToken}`,
  tencentInbound: `/api/webhooks/sms/tencent/inbound?token=${TENCENT_ACCOUNT.callbackToken}`,
}

/**
 * Gives a describe block the API on a fresh database with Aliyun and Tencent saved (or the
 * `providers` given), and a push as a cloud sends one: no login, JSON unless `headers` say otherwise.
 */
export function useCloudCallbacks(
  kind: DatabaseKind,
  { providers = { aliyun: ALIYUN_ACCOUNT, tencent: TENCENT_ACCOUNT }, clock }: { providers?: Record<string, unknown>; clock?: AppOptions['clock'] } = {},
) {
  const app = useOpenForBlock(
    async () => authorizedApp({ database: await testDatabase(kind), secretKey: 'a-long-test-secret-key-0123456789', ...(clock ? { clock } : {}) }),
    async (opened: FastifyInstance) => {
      expect((await opened.inject({ method: 'PUT', url: '/api/settings/providers', payload: providers })).statusCode).toBe(200)
    },
    'the app receiving callbacks',
  )
  const push = (url: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    app().inject({ method: 'POST', url, headers: { anonymous: 'yes', 'content-type': 'application/json', ...headers }, payload: body })
  return { app, push }
}

/** What each cloud reads in an answer to count its push as received. */
export const ACKNOWLEDGED = { aliyun: { code: 0, msg: '接收成功' }, tencent: { result: 0, errmsg: 'OK' } }

/** A recall message the cloud took (sent, its id recorded), for a receipt to find. */
export const sentCloudMessage = (key: string, sent: { phone: string; providerId: string; provider?: string; at: Date }) => ({
  idempotencyKey: `key-${key}`,
  enrollmentId: `enrollment-${key}`,
  journeyId: 'journey',
  contactId: `contact-${key}`,
  nodeId: 'sms',
  channel: 'sms' as const,
  category: 'recall' as const,
  phone: sent.phone,
  text: '【乐享商城】好久不见 回T退订',
  parts: 1,
  status: 'sent' as const,
  providerId: sent.providerId,
  provider: sent.provider ?? null,
  createdAt: sent.at,
})

/** The counts a reply push is answered with. */
export const replyCounts = (received: number, optedOut: number, exited = 0, duplicates = 0) => ({ received, duplicates, optedOut, exited })
