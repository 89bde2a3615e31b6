import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { accessRepository, schema } from '@recall/server'
import { count } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyMaker } from '../../server/test/support/keys'
import { spawnRecall } from '../../server/test/support/recall-process'
import { type DatabaseHandle, postgresTestDatabase } from '../support/postgres'
import { exited } from '../support/workers'

const ROWS = 100_000
const csv = `id,phone,consent,name\n${Array.from({ length: ROWS }, (_, index) => `R-${index},1${String(3_900_000_000 + index)},yes,张伟`).join('\n')}\n`

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

describe('an import whose server is killed mid-way', () => {
  let handle: DatabaseHandle
  let url: string
  let key: string
  const servers: ChildProcess[] = []
  beforeAll(async () => {
    ;({ handle, url } = await postgresTestDatabase())
    ;({ secret: key } = await accessRepository(handle.db).createApiKey('crash', ['admin'], await keyMaker(handle.db)))
  }, 60_000)
  afterAll(async () => {
    for (const server of servers) server.kill('SIGKILL')
    await Promise.all(servers.map(exited))
    await handle?.close()
  })

  /** `recall serve` as its own process; a running job goes stale after 2 s without its heartbeat. */
  async function startServer(port: number): Promise<ChildProcess> {
    const server = spawnRecall(['serve'], {
      env: { ...process.env, PORT: String(port), DATABASE_URL: url, RECALL_ADMIN_PASSWORD: 'crash-password-1234', RECALL_IMPORT_STALE_SECONDS: '2' },
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    servers.push(server)
    await new Promise<void>((resolve, reject) => {
      server.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('Recall is running') && resolve())
      server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)))
    })
    return server
  }
  const api = (port: number, path: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${port}/api${path}`, { ...init, headers: { authorization: `Bearer ${key}`, 'accept-language': 'zh-CN', ...init.headers } })

  it('is marked interrupted when a server starts again, with nothing of the file written', async () => {
    const port = await freePort()
    const first = await startServer(port)
    const started = await api(port, '/imports', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })
    expect(started.status).toBe(202)
    const { id } = (await started.json()) as { id: string }
    // Killed once rows are being staged: mid-way through the file.
    for (;;) {
      const job = (await (await api(port, `/imports/${id}`)).json()) as { status: string; rowsRead: number }
      expect(job.status).toBe('running')
      if (job.rowsRead > 0) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    first.kill('SIGKILL')
    await exited(first)
    // Past the 2 s without a heartbeat that mark a job's process as gone.
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    await startServer(port)
    const job = (await (await api(port, `/imports/${id}`)).json()) as Record<string, unknown>
    expect(job).toMatchObject({
      status: 'interrupted',
      errorCount: 1,
      errors: [{ row: 0, field: '', text: '导入在完成前因服务器重启而中断,文件中的内容均未写入。请重新导入该文件。' }],
    })
    expect(await handle.db.select({ rows: count() }).from(schema.contacts)).toEqual([{ rows: 0 }])
    expect(await handle.db.select({ rows: count() }).from(schema.contactImportRows)).toEqual([{ rows: 0 }])
  })
})
