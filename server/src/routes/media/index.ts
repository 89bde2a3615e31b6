import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { eq } from 'drizzle-orm'
import { fileTypeFromBuffer } from 'file-type'
import Type from 'typebox'
import { media } from '../../db/schema/index'
import { ApiError } from '../../plugins/errors'

/** Carriers refuse MMS much over this; the editor checks the whole message against its own limit. */
const MAX_MEDIA_BYTES = 5 * 1024 * 1024
/** What carriers show on every handset: JPEG, PNG and GIF images, MP4 and 3GP video. */
const MMS_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'video/mp4', 'video/3gpp'])

/**
 * Anyone holding a media address fetches it without a login (a carrier fetching an MMS has none), so
 * the address is the key: 24 random bytes (192 bits), in base64url. Media uploaded before were given
 * random UUIDs (122 random bits), which journeys and sent messages still point at.
 */
const newMediaId = () => randomBytes(24).toString('base64url')
const MediaParams = Type.Object({ id: Type.String({ pattern: '^([A-Za-z0-9_-]{32}|[0-9a-f-]{36})$' }) })

const mediaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  const tags = ['media']
  // Whatever type the upload claims (browsers send octet-stream for files they do not know), its bytes decide.
  app.addContentTypeParser(/^(image|video)\/|^application\/octet-stream$/, { parseAs: 'buffer', bodyLimit: MAX_MEDIA_BYTES }, (_request, body, done) => done(null, body))

  app.post(
    '/',
    {
      // The route's own limit too, so a refusal names 5 MB rather than the default body limit.
      bodyLimit: MAX_MEDIA_BYTES,
      config: { access: 'journeys:write' },
      schema: { tags, summary: 'Upload a JPEG, PNG or GIF image or an MP4/3GP video for an MMS slide (raw body, at most 5 MB)' },
    },
    async (request, reply) => {
      const detected = Buffer.isBuffer(request.body) ? await fileTypeFromBuffer(request.body) : undefined
      if (!detected || !MMS_TYPES.has(detected.mime)) {
        const found = detected ? `${detected.ext} (${detected.mime})` : 'no known type'
        throw new ApiError(415, 'unsupported_media', {
          en: `Upload a JPEG, PNG or GIF image or an MP4/3GP video; this file's contents are ${found}`,
          zh: `请上传 JPEG、PNG、GIF 图片或 MP4/3GP 视频;该文件的实际内容为 ${found === 'no known type' ? '未知类型' : found}`,
        })
      }
      const contentType = detected.mime
      const id = newMediaId()
      const bytes = request.body as Buffer
      await db.insert(media).values({ id, contentType, sizeBytes: bytes.length, bytes })
      reply.status(201)
      return { url: `/api/media/${id}`, sizeBytes: bytes.length, contentType, kind: contentType.startsWith('video/') ? 'video' : 'image' }
    },
  )

  // The one public route: by an address only its uploader was given; nothing lists them.
  app.get(
    '/:id',
    { config: { access: 'public' }, schema: { tags, summary: 'An uploaded media file, by the address its upload answered (no login)', params: MediaParams } },
    async (request, reply) => {
      const [found] = await db.select().from(media).where(eq(media.id, request.params.id))
      if (!found) throw new ApiError(404, 'media_not_found', { en: 'No such media file', zh: '媒体文件不存在' })
      // nosniff: browsers take the detected type as given, never guess a script out of an image.
      return reply.type(found.contentType).header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').send(found.bytes)
    },
  )
}

export default mediaRoutes
