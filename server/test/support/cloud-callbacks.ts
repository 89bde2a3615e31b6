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
