import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { CONSENT_RULE } from '../../src/contacts/consent-rule'
import { suppressions } from '../../src/db/schema/index'
import { useTestApp } from '../support/app'
import { DATABASE_KINDS } from '../support/databases'
import { importedJob, storedContacts } from '../support/import-jobs'

/** A contacts file sent one of the four ways a file comes in, answered once its rows are written. */
type Way = 'csv job' | 'ndjson job' | 'csv request' | 'json request'
const WAYS: Way[] = ['csv job', 'ndjson job', 'csv request', 'json request']

/** The rows as the way sends them: a CSV's columns are the union of the rows' keys, a key left out of a row an empty cell. */
function file(way: Way, rows: Record<string, unknown>[]): { payload: string; contentType: string } {
  if (way === 'ndjson job') return { payload: rows.map((row) => JSON.stringify(row)).join('\n'), contentType: 'application/x-ndjson' }
  if (way === 'json request') return { payload: JSON.stringify(rows), contentType: 'application/json' }
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
  const lines = rows.map((row) => columns.map((column) => String(row[column] ?? '')).join(','))
  return { payload: [columns.join(','), ...lines].join('\n'), contentType: 'text/csv' }
}

const FIRST = { phone: '+8613812345601', timeZone: 'Asia/Shanghai', consent: true, attributes: { name: '张伟', points: 1200, tier: 'gold' } }

/**
 * A field a file leaves out leaves the stored value alone; a field it gives empty (a blank cell,
 * null or "") clears it. Every way a file comes in reads it so.
 */
describe.each(DATABASE_KINDS)('importing a contact again without some of its fields on %s', (kind) => {
  const app = useTestApp(kind)
  let serial = 0
  async function send(way: Way, rows: Record<string, unknown>[]) {
    const { payload, contentType } = file(way, rows)
    if (way.endsWith('job')) {
      const job = await importedJob(app(), payload, contentType)
      expect(job.status).toBe('done')
      return job.result
    }
    const answer = await app().inject({ method: 'POST', url: '/api/contacts/import', headers: { 'content-type': contentType }, payload })
    expect([answer.statusCode, answer.json().consent.rule]).toEqual([200, CONSENT_RULE.en])
    const { inserted, updated, consent } = answer.json()
    // Said as an import job says it.
    return { inserted, updated, consentGiven: consent.given, consentNotGiven: consent.notGiven }
  }
  /** A contact stored with every field, as the first import of each test leaves it. */
  async function stored() {
    serial += 1
    const id = `R-${serial}`
    await send('json request', [{ id, phone: '13812345601', time_zone: 'Asia/Shanghai', consent: 'yes', name: '张伟', points: 1200, tier: 'gold' }])
    return id
  }
  const contact = async (id: string) => {
    const [row] = await storedContacts(app(), id)
    const { externalId: _id, ...fields } = row ?? { externalId: '' }
    return fields
  }

  it.each(WAYS)('%s: a row without name, consent or time zone keeps the stored ones and takes the phone it gives', async (way) => {
    const id = await stored()
    await send(way, [{ id, phone: '13812345602' }])
    expect(await contact(id)).toEqual({ ...FIRST, phone: '+8613812345602' })
  })

  it.each(WAYS)('%s: a row without a phone keeps the stored number', async (way) => {
    const id = await stored()
    await send(way, [{ id, points: 1300 }])
    expect(await contact(id)).toEqual({ ...FIRST, attributes: { ...FIRST.attributes, points: 1300 } })
  })

  it.each(WAYS)('%s: an empty name, time zone and consent clear them, and the count of consent follows', async (way) => {
    const id = await stored()
    const result = await send(way, [{ id, name: '', time_zone: '', consent: '' }])
    expect(await contact(id)).toEqual({ ...FIRST, timeZone: null, consent: false, attributes: { points: 1200, tier: 'gold' } })
    expect(result).toEqual({ inserted: 0, updated: 1, consentGiven: 0, consentNotGiven: 1 })
  })

  it.each(['ndjson job', 'json request'] as const)('%s: null clears a field, in the row or in its attributes', async (way) => {
    const id = await stored()
    await send(way, [{ id, phone: null, name: null, attributes: { tier: null } }])
    expect(await contact(id)).toEqual({ ...FIRST, phone: null, attributes: { points: 1200 } })
  })

  it.each(WAYS)('%s: the consent kept from the stored contact is counted as given', async (way) => {
    const id = await stored()
    const result = await send(way, [{ id, tier: 'silver' }])
    expect(await contact(id)).toEqual({ ...FIRST, attributes: { ...FIRST.attributes, tier: 'silver' } })
    expect(result).toEqual({ inserted: 0, updated: 1, consentGiven: 1, consentNotGiven: 0 })
  })

  it.each(WAYS)('%s: a row marked suppressed that leaves its phone out opts out the stored number', async (way) => {
    serial += 1
    const [id, phone] = [`R-${serial}`, `+86139000000${String(serial).padStart(2, '0')}`]
    await send('json request', [{ id, phone, consent: 'yes' }])
    await send(way, [{ id, suppressed: 'yes' }])
    expect(await app().database.db.select({ phone: suppressions.phone, source: suppressions.source }).from(suppressions).where(eq(suppressions.phone, phone))).toEqual([
      { phone, source: 'import' },
    ])
  })

  it.each(WAYS)('%s: a new contact without those fields has none, and no consent', async (way) => {
    serial += 1
    await send(way, [{ id: `R-${serial}`, phone: '13812345603', name: '' }])
    expect(await contact(`R-${serial}`)).toEqual({ phone: '+8613812345603', timeZone: null, consent: false, attributes: {} })
  })
})
