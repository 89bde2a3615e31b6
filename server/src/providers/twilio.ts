import { normalizePhone } from '@recall/shared'
import { callProvider, failureOf } from './http'
import { hmac, sameSignature } from './signatures'
import { ProviderError, type ProviderWebhooks, type SmsProvider, WebhookFormatError, wholeBatch } from './types'

export interface TwilioAccount {
  /** https://api.twilio.com, or any service speaking the same API. */
  baseUrl: string
  accountSid: string
  authToken: string
  /** The sender number or messaging service. */
  from: string
  timeoutMs?: number
}

// Twilio's error codes for a number that can never receive: failing again would not help.
const PERMANENT_CODES = new Set([21211, 21610, 21614, 21408])

/** Twilio's Messages API: form-encoded, basic auth, the idempotency key in a header. */
export function twilioProvider(account: TwilioAccount): SmsProvider {
  const url = `${account.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(account.accountSid)}/Messages.json`
  const authorization = `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`
  return {
    name: 'twilio',
    // Twilio's Messages API takes no idempotency key and cannot be asked for our reference: at most once.
    resend: 'none',
    async send(message) {
      const form = new URLSearchParams({
        To: message.phone,
        From: account.from,
        Body: message.channel === 'mms' && message.mms ? message.mms.slides.map((slide) => slide.text).join('\n') : message.text,
      })
      for (const slide of message.mms?.slides ?? []) if (slide.mediaUrl) form.append('MediaUrl', slide.mediaUrl)
      const answer = await callProvider(
        url,
        {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': message.idempotencyKey },
          body: form.toString(),
        },
        account.timeoutMs,
      )
      const body = (answer.body ?? {}) as { sid?: string; code?: number; message?: string }
      if (answer.status >= 200 && answer.status < 300 && body.sid) return { providerId: body.sid }
      const code = `twilio_${body.code ?? answer.status}`
      if (body.code !== undefined && PERMANENT_CODES.has(body.code)) throw new ProviderError('permanent', code, body.message ?? 'refused')
      throw failureOf(answer, code, body.message ?? 'refused')
    },
  }
}

function formFields(rawBody: string): URLSearchParams {
  return new URLSearchParams(rawBody)
}

/** Twilio signs the full URL followed by every form field, sorted by name, with the auth token (HMAC-SHA1). */
export function twilioSignature(authToken: string, url: string, rawBody: string): string {
  const fields = [...formFields(rawBody).entries()].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
  return hmac('sha1', authToken, url + fields.map(([name, value]) => name + value).join(''))
}

const required = (fields: URLSearchParams, name: string) => {
  const value = fields.get(name)
  if (!value) throw new WebhookFormatError(name)
  return value
}

export function twilioWebhooks(account: TwilioAccount): ProviderWebhooks {
  return {
    verify: (request) => sameSignature(request.headers['x-twilio-signature'], twilioSignature(account.authToken, request.url, request.rawBody)),
    receipts(request, now) {
      const fields = formFields(request.rawBody)
      const status = required(fields, 'MessageStatus')
      // Intermediate states (queued, sending, sent) carry no verdict yet.
      if (status !== 'delivered' && status !== 'undelivered' && status !== 'failed') return wholeBatch([])
      return wholeBatch([
        { providerId: required(fields, 'MessageSid'), status: status === 'delivered' ? 'delivered' : 'failed', code: fields.get('ErrorCode') ?? undefined, at: now },
      ])
    },
    replies(request, now) {
      const fields = formFields(request.rawBody)
      let phone: string
      try {
        phone = normalizePhone(required(fields, 'From'))
      } catch {
        throw new WebhookFormatError('From')
      }
      // Twilio's callbacks carry no send time: they arrive in order, so arrival orders them.
      return wholeBatch([{ providerMessageId: required(fields, 'MessageSid'), phone, text: fields.get('Body') ?? '', at: now }])
    },
  }
}
