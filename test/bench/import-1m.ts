// Benchmark: a 1,000,000-row contacts CSV imported through the API (POST /api/imports), on PostgreSQL.
// Target (issue #15): ≤ 150 MB peak RSS for the server process; rows/s reported.
// Run: npx -y pnpm@10 bench:import [rows]   (peak RSS sampled every 50 ms in the server's process)
import { execFileSync } from 'node:child_process'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { accessRepository, buildApp, createThrowawayDatabase, openDatabase } from '@recall/server'

const ROWS = Number(process.argv[2] ?? 1_000_000)
const TIERS = ['bronze', 'silver', 'gold', 'platinum']
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊']

/**
 * The file is written by a child process, so the server's process measured below starts clean;
 * `--write <path>` is that child's mode.
 */
async function writeCsv(path: string): Promise<void> {
  async function* chunks() {
    yield 'id,phone,time_zone,consent,name,tier,points\n'
    for (let start = 0; start < ROWS; start += 10_000) {
      const lines: string[] = []
      for (let index = start; index < Math.min(ROWS, start + 10_000); index += 1)
        lines.push(
          `C-${index},1${String(3_800_000_000 + index).padStart(10, '0')},Asia/Shanghai,${index % 3 === 0 ? 'yes' : 'no'},${NAMES[index % NAMES.length]},${TIERS[index % TIERS.length]},${index % 5000}\n`,
        )
      yield lines.join('')
    }
  }
  await pipeline(chunks, createWriteStream(path))
}

if (process.argv[3] === '--write') {
  await writeCsv(process.argv[4] as string)
  process.exit(0)
}

function upload(port: number, key: string, path: string): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const call = request({ port, method: 'POST', path: '/api/imports', headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` } }, (response) => {
      let body = ''
      response.on('data', (chunk) => {
        body += chunk
      })
      response.on('end', () => (response.statusCode === 202 ? resolve(JSON.parse(body)) : reject(new Error(`${response.statusCode} ${body}`))))
    })
    call.on('error', reject)
    createReadStream(path).pipe(call)
  })
}

const folder = await mkdtemp(join(tmpdir(), 'recall-bench-import-'))
const file = join(folder, 'contacts.csv')
execFileSync(process.execPath, [...process.execArgv, process.argv[1] as string, String(ROWS), '--write', file], { stdio: 'inherit' })
const size = (await stat(file)).size
const throwaway = await createThrowawayDatabase()
const database = await openDatabase({ url: throwaway.url })
const app = await buildApp({ database })
try {
  const { secret } = await accessRepository(database.db).createApiKey('bench', ['admin'], undefined)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const port = (app.server.address() as { port: number }).port
  global.gc?.()
  const baseline = process.memoryUsage().rss
  let peak = baseline
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 50)
  const started = performance.now()
  const { id } = await upload(port, secret, file)
  const uploaded = performance.now()
  let job: { status: string; rowsRead: number; result?: Record<string, number>; errorCount: number }
  for (;;) {
    job = (await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { authorization: `Bearer ${secret}` } })).json()
    if (job.status !== 'running') break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
  console.log(`file: ${ROWS.toLocaleString('en')} rows, ${mb(size)}`)
  console.log(`status: ${job.status}, rows read ${job.rowsRead.toLocaleString('en')}, errors ${job.errorCount}, result ${JSON.stringify(job.result)}`)
  console.log(`upload (spooled to disk): ${((uploaded - started) / 1000).toFixed(1)} s; total: ${seconds.toFixed(1)} s; ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s`)
  console.log(`peak RSS: ${mb(peak)} (baseline before the upload ${mb(baseline)})`)
} finally {
  await app.close()
  await throwaway.drop()
  await rm(folder, { recursive: true, force: true })
}
