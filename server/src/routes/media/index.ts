import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { eq } from 'drizzle-orm'
import Type from 'typebox'
import { media } from '../../db/schema/index'
import { ApiError } from '../../plugins/errors'

/** Carriers refuse MMS much over this; the editor checks the whole message against its own limit. */
const MAX_MEDIA_BYTES = 5 * 1024 * 1024
const ACCEPTED = /^(image\/(jpeg|png|gif|webp)|video\/(mp4|3gpp))$/

const MediaParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) })

const mediaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  const tags = ['media']
  app.addContentTypeParser(/^(image|video)\//, { parseAs: 'buffer', bodyLimit: MAX_MEDIA_BYTES }, (_request, body, done) => done(null, body))

  app.post(
    '/',
    { config: { access: 'journeys:write' }, schema: { tags, summary: 'Upload an image or video for an MMS slide (raw body, at most 5 MB)' } },
    async (request, reply) => {
      const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? ''
      if (!ACCEPTED.test(contentType) || !Buffer.isBuffer(request.body))
        throw new ApiError(415, 'unsupported_media', {
          en: `Upload a JPEG, PNG, GIF, WebP image or an MP4/3GP video, not "${contentType}"`,
          zh: `请上传 JPEG、PNG、GIF、WebP 图片或 MP4/3GP 视频,而不是 "${contentType}"`,
        })
      const id = randomUUID()
      await db.insert(media).values({ id, contentType, sizeBytes: request.body.length, bytes: request.body })
      reply.status(201)
      return { url: `/api/media/${id}`, sizeBytes: request.body.length, kind: contentType.startsWith('video/') ? 'video' : 'image' }
    },
  )

  app.get('/:id', { config: { access: 'public' }, schema: { tags, summary: 'An uploaded media file', params: MediaParams } }, async (request, reply) => {
    const [found] = await db.select().from(media).where(eq(media.id, request.params.id))
    if (!found) throw new ApiError(404, 'media_not_found', { en: 'No such media file', zh: '媒体文件不存在' })
    return reply.type(found.contentType).header('cache-control', 'public, max-age=31536000, immutable').send(found.bytes)
  })
}

export default mediaRoutes
