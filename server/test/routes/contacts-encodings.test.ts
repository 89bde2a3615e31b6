import { readFileSync } from 'node:fs'
import { asc, like } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contacts } from '../../src/db/schema/index'
import { testApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'

/** Made with iconv-lite by ../fixtures/make-gbk-contacts.ts: GBK, Chinese headers, CRLF, as Excel saves it in China. */
const gbkFile = readFileSync(new URL('../fixtures/contacts-gbk.csv', import.meta.url))

describe.each(DATABASE_KINDS)('contacts files in Chinese encodings on %s', (kind) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await testApp(kind)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('imports a GBK file from Excel with the right names, saying which encoding it read', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv', 'accept-language': 'zh-CN' }, payload: gbkFile })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      imported: 3,
      inserted: 3,
      updated: 0,
      encoding: 'gb18030',
      consent: {
        given: 2,
        notGiven: 1,
        rule: '未注明即视为未同意(consent 或 是否同意 列为 true/yes/是 才算同意);未同意的联系人不会收到营销短信;已有联系人的行未给出此字段时保留原同意状态',
      },
    })
    const rows = await app.database.db
      .select({ externalId: contacts.externalId, phone: contacts.phone, timeZone: contacts.timeZone, consent: contacts.consent, attributes: contacts.attributes })
      .from(contacts)
      .where(like(contacts.externalId, 'G-%'))
      .orderBy(asc(contacts.externalId))
    expect(rows).toEqual([
      { externalId: 'G-1', phone: '+8613812345601', timeZone: 'Asia/Shanghai', consent: true, attributes: { name: '张伟', 城市: '北京' } },
      { externalId: 'G-2', phone: '+8613812345602', timeZone: 'Asia/Shanghai', consent: false, attributes: { name: '王芳', 城市: '上海' } },
      { externalId: 'G-3', phone: '+8613812345603', timeZone: null, consent: true, attributes: { name: '李娜', 城市: '广州' } },
    ])
  })

  it('refuses a file with a row that does not decode, naming the row, and imports nothing', async () => {
    const payload = Buffer.concat([gbkFile, Buffer.from('G-9,13812345609,\xff\xff,Asia/Shanghai,1,x\r\n', 'latin1')])
    const response = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv' }, payload })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      error: 'invalid_contacts',
      problems: [{ path: '/body/5', text: 'The row cannot be decoded as gb18030; save the file as UTF-8 and import it again' }],
    })
    expect((await app.inject({ method: 'GET', url: '/api/contacts/G-9' })).statusCode).toBe(404)
  })
})
