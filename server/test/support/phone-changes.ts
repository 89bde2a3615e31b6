import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { importedJob } from './import-jobs'

/** Ways a contact's phone changes, each through its own path into the contacts table. */
export const PHONE_CHANGES: [string, (app: FastifyInstance, id: string, phone: string) => Promise<void>][] = [
  [
    'a CSV import job',
    async (app, id, phone) => {
      expect((await importedJob(app, `id,phone,consent\n${id},${phone},yes\n`, 'text/csv')).status).toBe('done')
    },
  ],
  [
    'an NDJSON import job',
    async (app, id, phone) => {
      expect((await importedJob(app, `${JSON.stringify({ id, phone, consent: true })}\n`, 'application/x-ndjson')).status).toBe('done')
    },
  ],
  [
    'the contacts API (JSON upsert)',
    async (app, id, phone) => {
      expect((await app.inject({ method: 'POST', url: '/api/contacts/import', payload: [{ id, phone, consent: true }] })).statusCode).toBe(200)
    },
  ],
  [
    'an identify call',
    async (app, id, phone) => {
      expect((await app.inject({ method: 'POST', url: '/api/v1/identify', payload: { userId: id, traits: { phone } } })).statusCode).toBe(200)
    },
  ],
]
