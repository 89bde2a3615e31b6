import { asc, like } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { contacts } from '../../src/db/schema/index'

/** A contacts file sent to the import jobs' route and the job as a page polling it sees it once it has finished. */
export async function importedJob(app: FastifyInstance, payload: string, contentType: string, language = 'en') {
  const started = await app.inject({ method: 'POST', url: '/api/imports', headers: { 'content-type': contentType, 'accept-language': language }, payload })
  if (started.statusCode !== 202) throw new Error(`import not started: ${started.statusCode} ${started.body}`)
  for (;;) {
    const job = (await app.inject({ method: 'GET', url: `/api/imports/${started.json().id}`, headers: { 'accept-language': language } })).json()
    if (job.status !== 'running') return job
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** The stored contacts whose external id starts with `prefix`, in id order, with the fields an import writes. */
export const storedContacts = (app: FastifyInstance, prefix: string) =>
  app.database.db
    .select({ externalId: contacts.externalId, phone: contacts.phone, timeZone: contacts.timeZone, consent: contacts.consent, attributes: contacts.attributes })
    .from(contacts)
    .where(like(contacts.externalId, `${prefix}%`))
    .orderBy(asc(contacts.externalId))
