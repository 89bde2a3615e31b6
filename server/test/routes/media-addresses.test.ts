import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { media } from '../../src/db/schema/index'
import { useTestApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')

/**
 * MMS media must be fetchable by the carrier, which has no session: an upload's address is the only
 * key to it, so it is long and random, and nothing lists the addresses.
 */
describe.each(DATABASE_KINDS)('media addresses on %s', (kind) => {
  const app = useTestApp(kind)
  const fetchAnonymously = (url: string) => app().inject({ method: 'GET', url, headers: { anonymous: 'yes' } })

  it('gives each upload an address of 192 random bits, which anyone holding it fetches', async () => {
    const urls: string[] = []
    for (let upload = 0; upload < 3; upload++) {
      const answer = await app().inject({ method: 'POST', url: '/api/media', headers: { 'content-type': 'image/gif' }, payload: GIF })
      expect(answer.statusCode).toBe(201)
      urls.push(answer.json().url)
    }
    const ids = urls.map((url) => url.replace('/api/media/', ''))
    expect(urls.every((url) => /^\/api\/media\/[A-Za-z0-9_-]{32}$/.test(url))).toBe(true)
    expect(ids.map((id) => Buffer.from(id, 'base64url').length)).toEqual([24, 24, 24])
    expect(new Set(ids).size).toBe(3)
    const fetched = await fetchAnonymously(urls[0] as string)
    expect([fetched.statusCode, fetched.headers['content-type'], fetched.rawPayload.equals(GIF)]).toEqual([200, 'image/gif', true])
  })

  it('keeps serving media uploaded before, under their random UUIDs, as journeys already point at them', async () => {
    const id = randomUUID()
    await app().database.db.insert(media).values({ id, contentType: 'image/gif', sizeBytes: GIF.length, bytes: GIF })
    const fetched = await fetchAnonymously(`/api/media/${id}`)
    expect([fetched.statusCode, fetched.rawPayload.equals(GIF)]).toEqual([200, true])
  })

  it('lists nothing: /api/media needs a login and is no route, /api/media/ names no file; an unknown address is 404', async () => {
    const listing = [await fetchAnonymously('/api/media'), await app().inject({ method: 'GET', url: '/api/media' }), await fetchAnonymously('/api/media/')]
    expect(listing.map((answer) => [answer.statusCode, answer.json().error])).toEqual([
      [401, 'unauthenticated'],
      [404, 'not_found'],
      [400, 'invalid_request'],
    ])
    const unknown = await fetchAnonymously(`/api/media/${'A'.repeat(32)}`)
    expect([unknown.statusCode, unknown.json().error]).toEqual([404, 'media_not_found'])
  })
})
