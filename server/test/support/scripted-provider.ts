import { ProviderError, type SmsProvider } from '../../src/providers/types'

/**
 * A provider that answers each call from a script and keeps every call: `ok` accepts (id
 * P-<key>), `down` is a passing 503, `refuse` a permanent refusal; past the script, accepted.
 */
export function scriptedProvider(...answers: ('ok' | 'down' | 'refuse')[]) {
  const calls: string[] = []
  const provider: SmsProvider = {
    name: 'scripted',
    resend: 'none',
    async send(message) {
      calls.push(message.idempotencyKey)
      const answer = answers.shift()
      if (answer === 'down') throw new ProviderError('transient', 'http_503', '503: Service Unavailable')
      if (answer === 'refuse') throw new ProviderError('permanent', 'twilio_21211', "The 'To' number is not a valid phone number")
      return { providerId: `P-${message.idempotencyKey}` }
    },
  }
  return { provider, calls }
}
