import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** pgbench from PATH, or PostgreSQL 15's own folder where Debian keeps it. */
function pgbenchPath(): string {
  const debian = '/usr/lib/postgresql/15/bin/pgbench'
  return existsSync(debian) ? debian : 'pgbench'
}

/**
 * PostgreSQL's own commit rate on this machine: `pgbench -N` (simple updates, no branch-table
 * hot spot) with 4 clients on 2 threads for `seconds`, on pgbench's tables in the given database.
 */
export async function pgbenchTps(url: string, seconds = 20): Promise<number> {
  await run(pgbenchPath(), ['-i', '-q', url])
  const { stdout } = await run(pgbenchPath(), ['-N', '-c', '4', '-j', '2', '-T', String(seconds), url])
  const tps = /tps = ([\d.]+)/.exec(stdout)
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`)
  return Number(tps[1])
}
