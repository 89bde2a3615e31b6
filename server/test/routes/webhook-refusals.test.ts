import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cloudSignature } from '../../src/providers/cloud'
import { sandboxSignature } from '../../src/providers/sandbox'
import { twilioSignature } from '../../src/providers/twilio'
import { authorizedApp } from '../support/app'
import { ALIYUN_ACCOUNT as aliyun, TENCENT_ACCOUNT as tencent } from '../support/cloud-accounts'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

const SANDBOX_SECRET = 'sandbox-webhook-secret'
const CLOUD = { baseUrl: 'https://sms.cloud.example', accessKeyId: 'LTAI', signName: '乐享商城', accessKeySecret: 'cloud-access-secret', callbackSecret: 'cloud-callback-secret' }
const TWILIO = { baseUrl: 'https://api.twilio.example', accountSid: 'AC1', from: '+15005550006', authToken: 'twilio-auth-token' }

type Provider = 'sandbox' | 'cloud' | 'aliyun' | 'tencent' | 'twilio'
const ROUTES = (['sandbox', 'cloud', 'aliyun', 'tencent', 'twilio'] as const).flatMap((provider) => (['status', 'inbound'] as const).map((path) => [provider, path] as const))
const JSON_TYPE = 'application/json'
const FORM_TYPE = 'application/x-www-form-urlencoded'
const mediaTypeOf = (provider: Provider) => (provider === 'twilio' ? FORM_TYPE : JSON_TYPE)

/** Where each provider's proof of origin is, as its refusal names it. */
const SIGNATURE_PATHS: Record<Provider, string> = {
  sandbox: '/headers/x-recall-signature',
  cloud: '/headers/x-acs-signature',
  aliyun: '/querystring/token',
  tencent: '/querystring/token',
  twilio: '/headers/x-twilio-signature',
}

/** A request to the provider's route, signed as the provider signs (or not, with `signed: false`). */
function callback(provider: Provider, path: string, body: string, contentType: string | undefined, signed = true) {
  const headers: Record<string, string> = { anonymous: 'yes', host: 'localhost:80', ...(contentType ? { 'content-type': contentType } : {}) }
  let url = `/api/webhooks/sms/${provider}/${path}`
  if (provider === 'sandbox') {
    const timestamp = String(Math.floor(Date.now() / 1000))
    Object.assign(headers, { 'x-recall-timestamp': timestamp, 'x-recall-signature': signed ? sandboxSignature(SANDBOX_SECRET, timestamp, body) : 'f'.repeat(64) })
  } else if (provider === 'cloud') {
    const timestamp = new Date().toISOString()
    Object.assign(headers, { 'x-acs-timestamp': timestamp, 'x-acs-signature': signed ? cloudSignature(CLOUD.callbackSecret, timestamp, body) : 'forged' })
  } else if (provider === 'twilio') {
    headers['x-twilio-signature'] = signed ? twilioSignature(TWILIO.authToken, `http://localhost:80${url}`, body) : 'forged'
  } else {
    url += `?token=${signed ? (provider === 'aliyun' ? aliyun : tencent).callbackToken : 'guessed'}`
  }
  return { method: 'POST' as const, url, headers, payload: body }
}

/** The one error shape, with the one problem naming the field, in the language asked for. */
const refusal = (code: string, path: string, message: { en: string; zh: string }, language: 'en' | 'zh') => ({
  error: code,
  message: message[language],
  problems: [{ code, severity: 'error', path, message, text: message[language] }],
})

describe.each(DATABASE_KINDS)('webhook refusals in the one error shape on %s', (kind) => {
  let app: FastifyInstance
  const send = (request: ReturnType<typeof callback>, language: 'en' | 'zh') =>
    app.inject({ ...request, headers: { ...request.headers, 'accept-language': language === 'zh' ? 'zh-CN' : 'en' } })

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), secretKey: 'a-long-test-secret-key-0123456789' })
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/settings/providers',
      payload: { sandbox: { webhookSecret: SANDBOX_SECRET }, cloud: CLOUD, aliyun, tencent, twilio: TWILIO },
    })
    expect(saved.statusCode).toBe(200)
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it.each(ROUTES)('%s/%s refuses a body in another type or none with 415, naming the type it takes', async (provider, path) => {
    const expected = mediaTypeOf(provider)
    for (const [sent, language] of [
      ['text/plain', 'en'],
      [provider === 'twilio' ? JSON_TYPE : FORM_TYPE, 'zh'],
      [undefined, 'zh'],
    ] as const) {
      const answer = await send(callback(provider, path, '[]', sent), language)
      const refused = sent
        ? { en: `This route does not accept Content-Type "${sent}": send ${expected}`, zh: `此接口不接受 Content-Type "${sent}":请使用 ${expected}` }
        : { en: `The request has no Content-Type: send ${expected}`, zh: `请求缺少 Content-Type:请使用 ${expected}` }
      expect([answer.statusCode, answer.json()]).toEqual([415, refusal('body.unsupported_type', '/headers/content-type', refused, language)])
    }
  })

  it.each(ROUTES)('%s/%s refuses a wrong proof of origin with 403, naming where it goes', async (provider, path) => {
    const body = provider === 'twilio' ? 'MessageSid=SM1&MessageStatus=delivered&From=%2B8613812340001' : '[]'
    const answer = await send(callback(provider, path, body, mediaTypeOf(provider), false), 'zh')
    const message = { en: 'The callback signature is missing or wrong', zh: '回调签名缺失或不正确' }
    expect([answer.statusCode, answer.json()]).toEqual([403, refusal('bad_signature', SIGNATURE_PATHS[provider], message, 'zh')])
  })

  it.each(ROUTES)('%s/%s refuses a body it cannot read with 400, naming the field', async (provider, path) => {
    // A cloud's body is JSON (Tencent's reply may be one object, the others are arrays); Twilio's a form whose message id is required.
    const [body, field] = provider === 'twilio' ? [path === 'status' ? 'MessageStatus=delivered' : 'From=%2B8613812340001', 'MessageSid'] : ['{"sid": ', 'body']
    for (const language of ['en', 'zh'] as const) {
      const answer = await send(callback(provider, path, body, mediaTypeOf(provider)), language)
      const message = { en: `The callback has no valid "${field}"`, zh: `回调缺少有效的"${field}"字段` }
      expect([answer.statusCode, answer.json()]).toEqual([400, refusal('invalid_callback', field === 'body' ? '/body' : `/body/${field}`, message, language)])
    }
  })

  it.each(ROUTES)('%s/%s takes its own type with a charset and in any case', async (provider, path) => {
    const body = provider === 'twilio' ? (path === 'status' ? 'MessageSid=SM1&MessageStatus=delivered' : 'MessageSid=SM2&From=%2B8613812340001&Body=hi') : '[]'
    const answer = await send(callback(provider, path, body, `${mediaTypeOf(provider).toUpperCase()}; charset=UTF-8`), 'en')
    expect(answer.statusCode).toBe(200)
  })
})
