import { describe, expect, it } from 'vitest'
import { DATABASE_KINDS } from '../support/databases'
import { importedJob } from '../support/import-jobs'
import { useOptOutApp } from '../support/opt-out-harness'

const NOW = Date.parse('2026-12-04T14:05:33+08:00')

// Found by an outside tester: an import with suppressed=no for an opted-out contact kept the opt-out (as it
// must) but its answer only counted the row as "updated".
describe.each(DATABASE_KINDS)('an import says which rows stay opted out, on %s', (kind) => {
  const { app, reply } = useOptOutApp(kind, NOW)
  const importJson = (payload: unknown[], language = 'en') => app().inject({ method: 'POST', url: '/api/contacts/import', headers: { 'accept-language': language }, payload })

  it('notes each row not marked opted out whose contact stays opted out, in English and Chinese', async () => {
    await importJson([
      { id: 'KEEP-1', phone: '+8613977710001', consent: true, suppressed: true },
      { id: 'KEEP-2', phone: '+8613977710002', consent: true },
      { id: 'KEEP-3', phone: '+8613977710003', consent: true },
    ])
    await reply('+8613977710002', 'TD', NOW - 60_000)
    const rows = [
      { id: 'KEEP-1', consent: true, suppressed: 'no' },
      { id: 'KEEP-2', consent: true, suppressed: false },
      { id: 'KEEP-3', consent: true, suppressed: 'no' },
    ]
    const en = (await importJson(rows)).json()
    expect([en.imported, en.updated, en.keptOptedOut, en.notes]).toEqual([
      3,
      3,
      2,
      [
        { id: 'KEEP-1', code: 'kept_opted_out', message: 'kept opted out: an import cannot lift an opt-out' },
        { id: 'KEEP-2', code: 'kept_opted_out', message: 'kept opted out: an import cannot lift an opt-out' },
      ],
    ])
    const zh = (await importJson(rows, 'zh-CN')).json()
    expect(zh.notes).toEqual([
      { id: 'KEEP-1', code: 'kept_opted_out', message: '保持退订:导入不能解除退订' },
      { id: 'KEEP-2', code: 'kept_opted_out', message: '保持退订:导入不能解除退订' },
    ])
    const detail = (await app().inject({ method: 'GET', url: '/api/contacts/KEEP-1' })).json().contact
    expect([detail.suppressed, detail.optOutSource]).toEqual([true, 'import'])
  })

  it('says nothing of it when no row stays opted out; an import job counts them', async () => {
    const answer = (await importJson([{ id: 'FREE-1', phone: '+8613977720001', consent: true }])).json()
    expect(Object.keys(answer).sort()).toEqual(['consent', 'imported', 'inserted', 'updated'])
    await importJson([{ id: 'JOB-1', phone: '+8613977730001', consent: true, suppressed: true }])
    const job = await importedJob(app(), 'id,phone,consent,suppressed\nJOB-1,+8613977730001,yes,no\nJOB-2,+8613977730002,yes,no\n', 'text/csv')
    expect(job.result).toEqual({ inserted: 1, updated: 1, consentGiven: 2, consentNotGiven: 0, keptOptedOut: 1 })
  })
})
