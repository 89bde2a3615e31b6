import { count, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { claimForMerge, sweepInterruptedImports, touchImports } from '../../src/contacts/import-sweep'
import type { DatabaseHandle } from '../../src/db/database'
import { contactImportRows, contactImports, contacts } from '../../src/db/schema/index'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

/** What a server killed mid-import leaves: the job "running" with its last heartbeat, and its staged rows. */
async function leftRunning(handle: DatabaseHandle, id: string, heartbeatSecondsAgo: number, stagedRows: number) {
  await handle.db.insert(contactImports).values({
    id,
    status: 'running',
    format: 'csv',
    bytesTotal: 1000,
    bytesRead: 400,
    rowsRead: stagedRows,
    rowsValid: stagedRows,
    heartbeatAt: sql`now() - make_interval(secs => ${heartbeatSecondsAgo})`,
  })
  for (let row = 2; row < stagedRows + 2; row += 1)
    await handle.db
      .insert(contactImportRows)
      .values({ importId: id, row, externalId: `${id}-${row}`, phone: null, timeZone: null, attributes: {}, consent: false, suppressed: false })
}

describe.each(DATABASE_KINDS)('imports interrupted by a restart, on %s', (kind) => {
  it('are marked interrupted at start-up with the reason in both languages, nothing of them written', async () => {
    const handle = await testDatabase(kind)
    await leftRunning(handle, 'killed', 120, 3)
    // Another server's job on the same PostgreSQL, alive a second ago; on PGlite no other server can exist.
    await leftRunning(handle, 'alive', 1, 2)
    const app = await authorizedApp({ database: handle })
    try {
      await app.ready()
      const job = (language: string, id: string) => app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { 'accept-language': language } })
      expect((await job('en', 'killed')).json()).toMatchObject({
        status: 'interrupted',
        percent: 100,
        errorCount: 1,
        errors: [
          {
            row: 0,
            field: '',
            text: 'The import was interrupted by a server restart before it finished; nothing from the file was written. Import the file again.',
          },
        ],
        finishedAt: expect.any(String),
      })
      expect((await job('zh-CN', 'killed')).json().errors[0].text).toBe('导入在完成前因服务器重启而中断,文件中的内容均未写入。请重新导入该文件。')
      expect((await job('en', 'alive')).json().status).toBe(kind === 'pglite' ? 'interrupted' : 'running')
      const staged = await handle.db.select({ importId: contactImportRows.importId, rows: count() }).from(contactImportRows).groupBy(contactImportRows.importId)
      expect(staged).toEqual(kind === 'pglite' ? [] : [{ importId: 'alive', rows: 2 }])
      expect(await handle.db.select({ rows: count() }).from(contacts)).toEqual([{ rows: 0 }])
    } finally {
      await app.close()
    }
  })
})

// Several servers share one PostgreSQL: a job whose merge is under way is alive, however old its heartbeat.
describe('a job being merged, on postgres', () => {
  it('is neither swept nor waited on by heartbeats and sweeps', async () => {
    const handle = await testDatabase('postgres')
    try {
      await leftRunning(handle, 'merging', 120, 1)
      await handle.db.transaction(async (tx) => {
        await claimForMerge(tx, 'merging')
        await touchImports(handle.db, ['merging'])
        expect(await sweepInterruptedImports(handle.db, { everyRunning: false })).toEqual([])
      })
      const [job] = await handle.db.select({ status: contactImports.status }).from(contactImports).where(eq(contactImports.id, 'merging'))
      expect(job).toEqual({ status: 'running' })
      expect(await sweepInterruptedImports(handle.db, { everyRunning: false })).toEqual(['merging'])
    } finally {
      await handle.close()
    }
  })
})
