// Benchmark: a 1,000,000-row contacts CSV imported through the API (POST /api/imports) of a real
// `recall serve` process on PostgreSQL. Target (issue #15): ≤ 150 MB peak RSS for the server process; rows/s reported.
// The server runs as its own process, so its memory is measured alone: idle RSS once started and
// settled, then the kernel's high-water mark (VmHWM, reset after the idle reading) over the import.
// Run: npx -y pnpm@10 bench:import [rows] [--tsx] [--pglite]   (default: the server's built bundle on PostgreSQL)
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { accessRepository, createThrowawayDatabase, openDatabase } from '@recall/server'
import { keyMaker } from '../../server/test/support/keys'
import buildCli from '../support/build-cli'

const ROWS = Number(process.argv[2] ?? 1_000_000)
const UNDER_TSX = process.argv.includes('--tsx')
/** The server on PGlite in a data folder, as `pnpm start` runs it, instead of PostgreSQL. */
const ON_PGLITE = process.argv.includes('--pglite')
const TIERS = ['bronze', 'silver', 'gold', 'platinum']
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊']
const root = new URL('../../', import.meta.url).pathname

/** The file is written by a child process (`--write <path>`), so nothing of it stays in anyone's memory. */
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

if (process.argv.includes('--write')) {
  await writeCsv(process.argv.at(-1) as string)
  process.exit(0)
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

function call(port: number, key: string, method: string, path: string, body?: string): Promise<{ status: number; json: () => unknown }> {
  return new Promise((resolve, reject) => {
    const sent = request({ port, method, path, headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` } }, (response) => {
      let text = ''
      response.on('data', (chunk) => {
        text += chunk
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: () => JSON.parse(text) }))
    })
    sent.on('error', reject)
    if (body === undefined) sent.end()
    else createReadStream(body).pipe(sent)
  })
}

/** Resident memory of a process, in MB, as the kernel counts it: now and its peak. */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024
  return { rss: field('VmRSS'), peak: field('VmHWM') }
}

const folder = await mkdtemp(join(tmpdir(), 'recall-bench-import-'))
const file = join(folder, 'contacts.csv')
execFileSync(process.execPath, [...process.execArgv, process.argv[1] as string, String(ROWS), '--write', file], { stdio: 'inherit' })
const size = (await stat(file)).size
const throwaway = ON_PGLITE ? undefined : await createThrowawayDatabase()
const dataDir = join(folder, 'data')
// The key is made before the server starts: a PGlite folder serves one process at a time.
const database = await openDatabase(throwaway ? { url: throwaway.url } : { dataDir })
let server: ChildProcess | undefined
try {
  const { secret } = await accessRepository(database.db).createApiKey('bench', ['admin'], await keyMaker(database.db))
  if (ON_PGLITE) await database.close()
  const port = await freePort()
  if (!UNDER_TSX) buildCli()
  const entry = UNDER_TSX ? ['--import', 'tsx', join(root, 'server/src/cli/main.ts')] : [join(root, 'server/bin/recall.mjs')]
  server = spawn(process.execPath, [...entry, 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      ...(throwaway ? { DATABASE_URL: throwaway.url } : { RECALL_DATA_DIR: dataDir }),
      RECALL_ADMIN_PASSWORD: 'bench-password-1234',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    server?.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('Recall is running') && resolve())
    server?.once('exit', (code) => reject(new Error(`the server exited with ${code}`)))
  })
  const pid = server.pid as number
  // Idle: started, first admin made (its scrypt hash briefly takes 128 MB), then left to settle.
  await new Promise((resolve) => setTimeout(resolve, 10_000))
  const idle = await memoryOf(pid)
  await writeFile(`/proc/${pid}/clear_refs`, '5')
  let cpuBefore = 0
  const cpu = async () => {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? []
    return (Number(fields[11]) + Number(fields[12])) / 100
  }
  cpuBefore = await cpu()
  const started = performance.now()
  const upload = await call(port, secret, 'POST', '/api/imports', file)
  if (upload.status !== 202) throw new Error(`upload answered ${upload.status}`)
  const { id } = upload.json() as { id: string }
  const uploaded = performance.now()
  let job: { status: string; rowsRead: number; result?: Record<string, number>; errorCount: number }
  for (;;) {
    job = (await call(port, secret, 'GET', `/api/imports/${id}`)).json() as typeof job
    if (job.status !== 'running') break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const seconds = (performance.now() - started) / 1000
  const during = await memoryOf(pid)
  const mb = (value: number) => `${value.toFixed(0)} MB`
  console.log(
    `server: ${UNDER_TSX ? 'tsx (TypeScript loaded at start)' : 'built bundle'} on ${ON_PGLITE ? 'PGlite' : 'PostgreSQL'}; file: ${ROWS.toLocaleString('en')} rows, ${mb(size / 1024 / 1024)}`,
  )
  console.log(`status: ${job.status}, rows read ${job.rowsRead.toLocaleString('en')}, errors ${job.errorCount}, result ${JSON.stringify(job.result)}`)
  console.log(
    `upload (spooled to disk): ${((uploaded - started) / 1000).toFixed(1)} s; total: ${seconds.toFixed(1)} s; ${Math.round(ROWS / seconds).toLocaleString('en')} rows/s; server CPU ${((await cpu()) - cpuBefore).toFixed(1)} s`,
  )
  console.log(
    `server RSS: idle ${mb(idle.rss)}, peak during the import ${mb(during.peak)} (${(during.peak / idle.rss).toFixed(2)}× idle, +${mb(during.peak - idle.rss)}), after ${mb(during.rss)}`,
  )
} finally {
  server?.kill()
  await new Promise((resolve) => (server && server.exitCode === null ? server.once('exit', resolve) : resolve(undefined)))
  if (throwaway) {
    await database.close()
    await throwaway.drop()
  }
  await rm(folder, { recursive: true, force: true })
}
