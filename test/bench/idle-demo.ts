// Benchmark: CPU of the idle demo server (demo clock, demo traffic, no one looking), as a share of
// one core. Target ≤ 10%. Process CPU time (user + system, all threads) from /proc, so the figure
// does not depend on how busy the rest of the machine is. Linux only.
// Run: npx -y pnpm@10 bench:idle [runs=1] [settleSeconds=20] [measureSeconds=60]
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const runs = Number(process.argv[2] ?? 1)
const settleSeconds = Number(process.argv[3] ?? 20)
const measureSeconds = Number(process.argv[4] ?? 60)
const root = resolve(import.meta.dirname, '../..')
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim())

/** utime + stime of the whole process, in seconds (fields 14 and 15 of /proc/<pid>/stat). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
    server.on('error', fail)
  })
}

const sleep = (seconds: number) => new Promise((done) => setTimeout(done, seconds * 1000))

async function measureOnce(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'recall-idle-'))
  const port = await freePort()
  // PGlite in a fresh folder, as on a first `start`, whatever this shell points at.
  const { DATABASE_URL: _postgres, ...env } = process.env
  const server = spawn(process.execPath, [join(root, 'server/bin/recall.mjs'), 'serve', '--demo', '--port', String(port)], {
    env: { ...env, RECALL_DATA_DIR: dataDir, LANG: 'en' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    await new Promise<void>((ready, fail) => {
      server.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Recall is running')) ready()
      })
      server.on('exit', (code) => fail(new Error(`recall serve exited with ${code}`)))
    })
    await sleep(settleSeconds)
    const pid = server.pid as number
    const before = cpuSeconds(pid)
    await sleep(measureSeconds)
    const used = cpuSeconds(pid) - before
    return (used / measureSeconds) * 100
  } finally {
    server.kill('SIGTERM')
    await new Promise((done) => server.once('exit', done))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

execFileSync(process.execPath, [join(root, 'server/scripts/build-cli.mjs')], { stdio: 'inherit' })
const figures: number[] = []
for (let run = 1; run <= runs; run++) {
  const percent = await measureOnce()
  figures.push(percent)
  console.log(`run ${run}: idle demo server ${percent.toFixed(1)}% of one core over ${measureSeconds} s (after ${settleSeconds} s to settle)`)
}
const sorted = [...figures].sort((a, b) => a - b)
console.log(`median of ${runs}: ${(sorted[Math.floor((runs - 1) / 2)] as number).toFixed(1)}% of one core (target ≤ 10%)`)
