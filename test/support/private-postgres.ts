import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

/**
 * A PostgreSQL server of the test's own: its own data folder and port, so a test may stop it,
 * crash it and start it again without touching the machine's shared server (other tests use it).
 */
export interface PrivatePostgres {
  /** The `postgres` database, which the test may migrate and use. */
  url: string
  /** Stops the server (`fast`: sessions ended, a clean shutdown; `immediate`: every process killed, recovery from the WAL at the next start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>
  start(): Promise<void>
  /** Stops the server and deletes its folder. */
  destroy(): Promise<void>
}

/** The newest installed server's programs; RECALL_PG_BIN overrides. */
function binaries(): string {
  if (process.env.RECALL_PG_BIN) return process.env.RECALL_PG_BIN
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : []
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0]
  if (!newest) throw new Error('No PostgreSQL server programs (initdb, pg_ctl) under /usr/lib/postgresql: install postgresql or set RECALL_PG_BIN')
  return join(root, newest, 'bin')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * Runs a server program without blocking this thread (the code under test shares it). PostgreSQL
 * refuses to run as root: as root, its programs run as the `postgres` user.
 */
function runner(): (program: string, args: string[]) => Promise<void> {
  const asRoot = process.getuid?.() === 0
  return async (program, args) => {
    const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args]
    await promisify(execFile)(command, commandArgs, { timeout: 60_000 })
  }
}

export async function privatePostgres(): Promise<PrivatePostgres> {
  const bin = binaries()
  const run = runner()
  const folder = mkdtempSync(join(tmpdir(), 'recall-pg-'))
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(folder, uid, gid)
  }
  const data = join(folder, 'data')
  const port = await freePort()
  await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
  // fsync off: the tests crash PostgreSQL's processes, never the machine, so the OS keeps every write.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${folder} -c fsync=off -c max_connections=60`
  const start = () => run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(folder, 'log'), '-w', '-t', '60', 'start'])
  const stop = (mode: 'fast' | 'immediate') => run(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', '-t', '60', 'stop'])
  await start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async destroy() {
      try {
        await stop('immediate')
      } catch {
        // Already stopped.
      }
      rmSync(folder, { recursive: true, force: true })
    },
  }
}
