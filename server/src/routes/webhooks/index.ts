import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { EARLIEST_YEAR, hasUnsafeCharacters, LATEST_YEAR, type Locale, type LocalizedText, localize } from '@recall/shared'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { BODY_LIMITS } from '../../plugins/body-limits'
import { refusalError, requestLocale } from '../../plugins/errors'
import { INGESTION_RATE_LIMIT, refusalsPerAddress } from '../../plugins/rate-limits'
import { unsupportedContentType } from '../../plugins/request-refusals'
import { CALLBACK_FORMATS, mediaTypeOf } from '../../providers/callback-formats'
import { CALLBACK_REASONS } from '../../providers/callback-reasons'
import { callbackText } from '../../providers/charset'
import { PROVIDER_NAMES, type ProviderName } from '../../providers/settings'
import { headerText } from '../../providers/signatures'
import { CallbackRefusal, type ProviderWebhooks, type SkippedRecord, type WebhookBatch, WebhookFormatError, type WebhookRequest } from '../../providers/types'
import { recordReceipts } from '../../replies/receipts'
import { receiveReplies } from '../../replies/replies'

const Params = Type.Object({ provider: Type.Enum([...PROVIDER_NAMES]) })
/**
 * Named so a token given twice is refused as `query.repeated`, as on every route, rather than one of
 * them checked; other parameters stay allowed (Twilio signs the whole URL registered with it).
 */
const Query = Type.Object({ token: Type.Optional(Type.String({ description: "Aliyun's and Tencent's callback secret, in the URL registered in their console" })) })

const EARLIEST_AT = Date.UTC(EARLIEST_YEAR, 0, 1)
const LATEST_AT = Date.UTC(LATEST_YEAR + 1, 0, 1)

/** A body the provider's reader cannot take at all, naming the field (`body` for the whole of it). */
const invalidCallback = (field: string) =>
  refusalError({
    status: 400,
    code: 'invalid_callback',
    path: field === 'body' ? '/body' : `/body/${field}`,
    text: { en: `The callback has no valid "${field}"`, zh: `回调缺少有效的"${field}"字段` },
  })

/** A record's field sent as its sender can put right (see CallbackRefusal), at the record's place: nothing of the callback is recorded. */
function refusedRecord({ field, rule, index }: CallbackRefusal) {
  const path = index === undefined ? `/body/${field}` : `/body/${index}/${field}`
  return refusalError({
    status: 400,
    code: 'invalid_callback',
    path,
    text: { en: `${path} ${rule.en}: nothing in this callback was recorded`, zh: `${path} ${rule.zh}:此回调中的内容均未记录` },
  })
}

/** A field of a read record the input policy refuses, with why; each provider's reader already holds its times between 1970 and 10 minutes after arrival (see judgePushedTime). */
function unsafeField(record: Record<string, unknown>): { field: string; reason: LocalizedText } | undefined {
  for (const [field, value] of Object.entries(record)) {
    if (typeof value === 'string' && hasUnsafeCharacters(value)) return { field, reason: CALLBACK_REASONS.unsafe(field) }
    if (field === 'at' && !(typeof value === 'number' && value >= EARLIEST_AT && value < LATEST_AT)) return { field, reason: CALLBACK_REASONS.invalid(field) }
  }
  return undefined
}

/** Records skipped, or kept with a stand-in, each with its reason in the caller's language. */
const withReasons = (records: readonly SkippedRecord[], locale: Locale) =>
  records.map(({ index, field, reason }) => ({ index, field, reason: localize(reason ?? CALLBACK_REASONS.invalid(field), locale) }))

/** Named at the provider's proof of origin: its signature header, or the token in the callback URL. */
const badSignature = (provider: ProviderName) =>
  refusalError({
    status: 403,
    code: 'bad_signature',
    path: CALLBACK_FORMATS[provider].signature,
    text: { en: 'The callback signature is missing or wrong', zh: '回调签名缺失或不正确' },
  })

/**
 * Callbacks that fail authentication, per address (an IPv6 /64 as one), in a minute on the wall
 * clock: as many as a caller of the ingestion API gets. Past them the address is answered 429 before
 * anything is checked (an outside tester sent 2,400 wrong tokens and got 2,400 answers of 403, each a free guess).
 */
export const WEBHOOK_AUTH_FAILURES = INGESTION_RATE_LIMIT.max

/**
 * Delivery receipts and replies from providers. No login: each call must carry the provider's own
 * signature (over a recent timestamp where the provider signs one), or nothing is recorded; a
 * replayed call finds its message id taken, answers 200 and changes nothing.
 */
const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Signatures are over the exact bytes sent, so bodies stay raw text here, whatever their type,
  // decoded by the charset they name (Aliyun may push GBK).
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMITS.webhook }, (request, body, done) =>
    done(null, callbackText(body as Buffer, request.headers['content-type'])),
  )
  const publicUrl = process.env.RECALL_PUBLIC_URL
  const failedAuthentications = refusalsPerAddress(WEBHOOK_AUTH_FAILURES)
  // Before the body is read: an address over its failures is refused without another guess checked.
  app.addHook('onRequest', failedAuthentications.check)

  /**
   * A callback in the provider's media type (415 otherwise, as every route refuses a type it does not
   * read) and carrying its proof of origin (403 otherwise, counted against the address).
   */
  async function verified(provider: ProviderName, request: { url: string; protocol: string; host: string; ip: string; headers: WebhookRequest['headers']; body: unknown }) {
    const { mediaType } = CALLBACK_FORMATS[provider]
    const contentType = headerText(request.headers['content-type']) || undefined
    if (mediaTypeOf(contentType) !== mediaType) throw refusalError(unsupportedContentType(contentType, mediaType))
    const webhooks: ProviderWebhooks | undefined = (await app.providers()).webhooks(provider)
    const call: WebhookRequest = {
      url: `${publicUrl ?? `${request.protocol}://${request.host}`}${request.url}`,
      headers: request.headers,
      rawBody: typeof request.body === 'string' ? request.body : '',
      // Signature windows run on the wall clock, never the demo's.
      receivedAt: Date.now(),
    }
    if (!webhooks?.verify(call)) {
      failedAuthentications.refused(request)
      throw badSignature(provider)
    }
    return { webhooks, call }
  }

  /**
   * A provider's records, held to the API's input policy: no NUL or lone surrogate in any text, and
   * times within 1970–2100 (a STOP stamped in year 9999 would outrank every later START). A record
   * breaking it is skipped and named like one the provider's reader skipped; a body that reader
   * cannot take at all, or a record it refuses (see CallbackRefusal), is refused whole before anything
   * is written, never a 500 the provider would retry.
   */
  function readable<T extends object>(read: () => WebhookBatch<T>): { records: T[]; skipped: SkippedRecord[]; lenient: SkippedRecord[] } {
    let batch: WebhookBatch<T>
    try {
      batch = read()
    } catch (cause) {
      if (cause instanceof CallbackRefusal) throw refusedRecord(cause)
      throw invalidCallback(cause instanceof WebhookFormatError ? cause.field : 'body')
    }
    // However many records a push carries (within the 1 MB body limit), every one is taken: a push refused
    // for its size is retried the same and then dropped by the cloud, and its opt-outs with it.
    const records: T[] = []
    const skipped = [...batch.skipped]
    // A record skipped here says nothing of its stand-ins.
    const kept = new Set<number>()
    for (const { index, record } of batch.read) {
      const unsafe = unsafeField(record as Record<string, unknown>)
      if (unsafe === undefined) {
        records.push(record)
        kept.add(index)
      } else skipped.push({ index, ...unsafe })
    }
    return { records, skipped: skipped.sort((a, b) => a.index - b.index), lenient: (batch.lenient ?? []).filter((note) => kept.has(note.index)) }
  }

  /**
   * What the answer says of the records not taken as they came: `skipped`, each with the field and
   * the reason; `notes`, those kept with a stand-in (the time received, a reply kept for review).
   * Named only when there are any, so a clean push answers as before.
   */
  const recordsPart = (request: FastifyRequest, skipped: SkippedRecord[], lenient: SkippedRecord[]) => {
    const locale = requestLocale(request)
    return {
      ...(skipped.length > 0 ? { skipped: withReasons(skipped, locale) } : {}),
      ...(lenient.length > 0 ? { notes: withReasons(lenient, locale).map(({ reason, ...note }) => ({ ...note, note: reason })) } : {}),
    }
  }

  const config = { access: 'public' as const }
  // Named on the routes too, so a refusal states the limit the parser keeps (it said 256 KB, the default).
  const bodyLimit = BODY_LIMITS.webhook
  app.post(
    '/:provider/status',
    { config, bodyLimit, schema: { tags: ['webhooks'], summary: 'Delivery receipts from a provider (signed)', params: Params, querystring: Query } },
    async (request) => {
      const { webhooks, call } = await verified(request.params.provider, request)
      const { records, skipped, lenient } = readable(() => webhooks.receipts(call, app.runner.clock()))
      const { updated, pending } = await recordReceipts(app.database.db, request.params.provider, records)
      // `pending`: reports for messages whose send answer is not recorded yet, kept until it is.
      return { ...webhooks.acknowledgement, updated, ...(pending > 0 ? { pending } : {}), ...recordsPart(request, skipped, lenient) }
    },
  )
  app.post(
    '/:provider/inbound',
    { config, bodyLimit, schema: { tags: ['webhooks'], summary: 'Replies from phones (signed); T, TD, 退订, STOP opt out, START opts in', params: Params, querystring: Query } },
    async (request) => {
      const { webhooks, call } = await verified(request.params.provider, request)
      const { records: replies, skipped, lenient } = readable(() => webhooks.replies(call, app.runner.clock()))
      let optedOut = 0
      let exited = 0
      let duplicates = 0
      for (const result of await receiveReplies(
        app.database.db,
        replies.map((reply) => ({ provider: request.params.provider, ...reply })),
      )) {
        if (result.keyword === 'stop') optedOut += 1
        if (result.duplicate) duplicates += 1
        exited += result.exited
      }
      return { ...webhooks.acknowledgement, received: replies.length, duplicates, optedOut, exited, ...recordsPart(request, skipped, lenient) }
    },
  )
}

export default webhookRoutes
