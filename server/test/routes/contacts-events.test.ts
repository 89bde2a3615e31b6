import { JOURNEY_TEMPLATES } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

describe.each(DATABASE_KINDS)('contacts and events API on %s', (kind) => {
  let app: FastifyInstance
  let now = Date.parse('2026-11-24T10:00:00+08:00')
  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('imports contacts from CSV and JSON, upserting by external id', async () => {
    const csv = 'id,phone,time_zone,consent,name,tier\nM-1,13812345678,Asia/Shanghai,true,张女士,gold\nM-2,13812345679,Asia/Shanghai,true,李先生,silver\n'
    const first = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv' }, payload: csv })
    expect(first.json()).toEqual({
      imported: 2,
      inserted: 2,
      updated: 0,
      encoding: 'utf-8',
      consent: {
        given: 2,
        notGiven: 0,
        rule: 'No consent unless the row says so (consent or 是否同意: true/yes/是); rows without it receive no marketing, but a stored contact whose row leaves it out keeps its consent',
      },
    })
    const second = await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      payload: [
        { id: 'M-2', phone: '13812345679', attributes: { name: '李先生', tier: 'gold' }, consent: true },
        { id: 'M-3', phone: '+8613812345670', suppressed: true },
      ],
    })
    // M-3's row does not say: imported without consent, and the result says why.
    expect(second.json()).toMatchObject({ inserted: 1, updated: 1, consent: { given: 1, notGiven: 1 } })
    const contact = (await app.inject({ method: 'GET', url: '/api/contacts/M-2' })).json()
    expect(contact.contact).toMatchObject({ externalId: 'M-2', phone: '+8613812345679', attributes: { name: '李先生', tier: 'gold' }, suppressed: false })
    expect((await app.inject({ method: 'GET', url: '/api/contacts/M-3' })).json().contact.suppressed).toBe(true)
  })

  it('lists contacts in id order a page at a time, searchable by name, phone or id', async () => {
    const list = async (query: string) => (await app.inject({ method: 'GET', url: `/api/contacts?${query}` })).json()
    const first = await list('limit=2')
    expect(first).toMatchObject({ total: 3, next: 'M-2' })
    expect(first.contacts).toEqual([
      expect.objectContaining({ externalId: 'M-1', name: '张女士', phone: '+8613812345678', timeZone: 'Asia/Shanghai', consent: true, suppressed: false }),
      expect.objectContaining({ externalId: 'M-2', name: '李先生', phone: '+8613812345679', consent: true, suppressed: false }),
    ])
    const second = await list('limit=2&after=M-2')
    expect(second.contacts.map((contact: { externalId: string; suppressed: boolean }) => [contact.externalId, contact.suppressed])).toEqual([['M-3', true]])
    expect(second.next).toBeNull()
    expect((await list(`search=${encodeURIComponent('李')}`)).contacts.map((contact: { externalId: string }) => contact.externalId)).toEqual(['M-2'])
    // A number typed as a marketer knows it, without +86; and % is a character, not a wildcard.
    expect(await list('search=13812345670')).toMatchObject({ total: 1, contacts: [{ externalId: 'M-3' }] })
    expect(await list('search=%25')).toMatchObject({ total: 0, contacts: [], next: null })
    const refused = await app.inject({ method: 'GET', url: '/api/contacts?limit=500', headers: { 'accept-language': 'zh-CN' } })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().problems[0]).toMatchObject({ path: '/querystring/limit', text: '每页条数必须是 1 到 200 之间的整数' })
  })

  it('refuses a file with a bad row, naming row and field, and imports nothing', async () => {
    const csv = 'id,phone,time_zone\nM-9,13812345671,Asia/Shanghai\nM-10,12345,Asia/Shanghai\n'
    const response = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv', 'accept-language': 'zh-CN' }, payload: csv })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      error: 'invalid_contacts',
      message: '1 行数据有误,未导入任何联系人',
      problems: [{ path: '/body/3/phone', text: '"12345" 不是有效的手机号码(默认地区 CN)' }],
    })
    // Two bad fields in one row are one bad row.
    const twoFields = await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      headers: { 'content-type': 'text/csv' },
      payload: 'id,phone,time_zone\nM-11,12345,Mars/Base\n',
    })
    expect([twoFields.json().message, twoFields.json().problems.length]).toEqual(['1 row(s) are invalid; nothing was imported', 2])
    expect((await app.inject({ method: 'GET', url: '/api/contacts/M-9' })).statusCode).toBe(404)
  })

  it('streams a CSV over the row limit, refuses it with 413 and imports nothing', async () => {
    const rows = Array.from({ length: 100_001 }, (_, index) => `L-${index},,Asia/Shanghai`)
    const csv = `id,phone,time_zone\n${rows.join('\n')}\n`
    const response = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv' }, payload: csv })
    expect(response.statusCode).toBe(413)
    expect(response.json()).toMatchObject({ error: 'too_many_rows', message: 'At most 100000 contacts per request' })
    expect((await app.inject({ method: 'GET', url: '/api/contacts/L-0' })).statusCode).toBe(404)
  })

  it('refuses a malformed CSV with a bilingual reason', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/contacts/import',
      headers: { 'content-type': 'text/csv', 'accept-language': 'zh-CN' },
      payload: 'id,phone\n"M-20,138\n',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().problems[0]).toMatchObject({ path: '/body', text: expect.stringMatching(/^无法读取联系人文件:/) })
    expect((await app.inject({ method: 'GET', url: '/api/contacts/M-20' })).statusCode).toBe(404)
  })

  it('points a row refused as a whole at the row, without a trailing slash, and counts its columns in words', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': 'text/csv' }, payload: 'id,phone\nM-21\nM-22,13812345672,x,y\n' })
    expect(response.json().problems.map((problem: { path: string; text: string }) => [problem.path, problem.text])).toEqual([
      ['/body/2', 'The row has 1 column; the header has 2 columns'],
      ['/body/3', 'The row has 4 columns; the header has 2 columns'],
    ])
  })

  it('enrolls through an event trigger and queues the message in the outbox', async () => {
    const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart')
    await app.inject({ method: 'POST', url: '/api/journeys', payload: cart })
    await app.inject({ method: 'POST', url: '/api/journeys/abandoned-cart/publish', payload: {} })
    const ingest = await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: 'M-1', name: 'cart_added', properties: { sku: 'scarf' } }] })
    expect(ingest.json()).toEqual({ accepted: 1, duplicates: 0, refused: 0, created: 0, entered: 1, events: [{ index: 0, status: 'accepted' }] })
    now += 60 * 60 * 1000
    expect(await app.runner.processDue()).toBe(1)
    const contact = (await app.inject({ method: 'GET', url: '/api/contacts/M-1' })).json()
    expect(contact.enrollments).toEqual([expect.objectContaining({ journeyId: 'abandoned-cart', status: 'active', nodeId: 'wait-1-day' })])
    expect(contact.messages.map((message: { nodeId: string; status: string }) => [message.nodeId, message.status])).toEqual([['cart-reminder', 'queued']])
    expect(contact.enrollments[0].timeline.map((line: { kind: string; nodeId: string }) => `${line.kind} ${line.nodeId}`)).toEqual([
      'entered trigger',
      'entered wait-for-order',
      'waiting wait-for-order',
      'woke wait-for-order',
      'entered cart-reminder',
      'sent cart-reminder',
      'entered wait-1-day',
      'waiting wait-1-day',
    ])
  })

  it('refuses malformed events with the field named', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/events', payload: [{ contactId: 'M-1', name: 'bad name!' }, { contactId: 'M-1' }] })
    expect(response.statusCode).toBe(400)
    expect(response.json().problems.map((problem: { path: string }) => problem.path)).toEqual(['/body/0/name', '/body/1/name'])
  })

  it('deletes a contact but keeps its number suppressed', async () => {
    expect((await app.inject({ method: 'DELETE', url: '/api/contacts/M-3' })).statusCode).toBe(204)
    expect((await app.inject({ method: 'GET', url: '/api/contacts/M-3' })).statusCode).toBe(404)
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id: 'M-3', phone: '+8613812345670', consent: true }] })
    expect((await app.inject({ method: 'GET', url: '/api/contacts/M-3' })).json().contact.suppressed).toBe(true)
  })
})
