import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { users } from '../../src/db/schema/index'
import { useTestApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

const VIEWER_REFUSED = {
  error: 'viewer_cannot_publish',
  message: 'A viewer cannot publish: make them an editor first',
  problems: [
    {
      code: 'viewer_cannot_publish',
      severity: 'error',
      path: '/body/canPublish',
      message: { en: 'A viewer cannot publish: make them an editor first', zh: '查看者不能发布:请先将其设为编辑者' },
      text: 'A viewer cannot publish: make them an editor first',
    },
  ],
}

/** Viewers never publish: what is stored and answered for them says so, whichever way they became viewers. */
describe.each(DATABASE_KINDS)('a viewer’s "can publish" on %s', (kind) => {
  const testApp = useTestApp(kind)

  const addUser = (email: string, role: string, extra: object = {}, language = 'en') =>
    testApp().inject({ method: 'POST', url: '/api/users', headers: { 'accept-language': language }, payload: { email, name: email, role, password: 'long-password-1', ...extra } })
  const stored = async (id: string) => (await testApp().database.db.select({ role: users.role, canPublish: users.canPublish }).from(users).where(eq(users.id, id)))[0]

  it('stores and answers a new viewer without "can publish"', async () => {
    const created = await addUser('reader@shop.example', 'viewer')
    expect([created.statusCode, created.json().user.role, created.json().user.canPublish]).toEqual([201, 'viewer', false])
    expect(await stored(created.json().user.id)).toEqual({ role: 'viewer', canPublish: false })
    const listed = (await testApp().inject({ method: 'GET', url: '/api/users' })).json().users.find((user: { email: string }) => user.email === 'reader@shop.example')
    expect(listed.canPublish).toBe(false)
    // An editor made the same way still publishes, as before.
    expect((await addUser('maker@shop.example', 'editor')).json().user.canPublish).toBe(true)
  })

  it('refuses a new viewer asked to publish, naming the field, in English and Chinese, and makes no user', async () => {
    const refused = await addUser('asked@shop.example', 'viewer', { canPublish: true })
    expect([refused.statusCode, refused.json()]).toEqual([400, VIEWER_REFUSED])
    const zh = await addUser('asked@shop.example', 'viewer', { canPublish: true }, 'zh-CN')
    expect([zh.json().message, zh.json().problems[0].text]).toEqual(['查看者不能发布:请先将其设为编辑者', '查看者不能发布:请先将其设为编辑者'])
    const emails = (await testApp().inject({ method: 'GET', url: '/api/users' })).json().users.map((user: { email: string }) => user.email)
    expect(emails).not.toContain('asked@shop.example')
    expect((await addUser('told@shop.example', 'viewer', { canPublish: false })).json().user.canPublish).toBe(false)
  })

  it('clears "can publish" when an editor becomes a viewer, keeps it cleared when they are made an editor again, and refuses setting it while a viewer', async () => {
    const id = (await addUser('demoted@shop.example', 'editor')).json().user.id as string
    const demoted = await testApp().inject({ method: 'PUT', url: `/api/users/${id}/role`, payload: { role: 'viewer' } })
    expect([demoted.statusCode, demoted.json().user.canPublish]).toEqual([200, false])
    expect(await stored(id)).toEqual({ role: 'viewer', canPublish: false })

    const ticked = await testApp().inject({ method: 'PUT', url: `/api/users/${id}/can-publish`, payload: { canPublish: true } })
    expect([ticked.statusCode, ticked.json()]).toEqual([400, VIEWER_REFUSED])
    expect(await stored(id)).toEqual({ role: 'viewer', canPublish: false })
    expect((await testApp().inject({ method: 'PUT', url: `/api/users/${id}/can-publish`, payload: { canPublish: false } })).statusCode).toBe(200)

    const promoted = await testApp().inject({ method: 'PUT', url: `/api/users/${id}/role`, payload: { role: 'editor' } })
    expect([promoted.statusCode, promoted.json().user.canPublish]).toEqual([200, false])
    const allowed = await testApp().inject({ method: 'PUT', url: `/api/users/${id}/can-publish`, payload: { canPublish: true } })
    expect([allowed.statusCode, allowed.json().user.canPublish]).toEqual([200, true])
  })
})
