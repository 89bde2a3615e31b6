import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataFolderLockedError, LOCK_FILE_NAME, lockDataFolder } from '../src/db/folder-lock'

const root = new URL('../../', import.meta.url).pathname
const freshFolder = () => join(mkdtempSync(join(tmpdir(), 'recall-lock-')), 'data')

/** The pid of a process that has come and gone. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid
  if (pid === undefined) throw new Error('could not start a process')
  return pid
}

const lockOf = (pid: number) => JSON.stringify({ pid, startedAt: '2026-12-01T08:00:00.000Z' })

function writeLock(folder: string, content: string): void {
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, LOCK_FILE_NAME), content)
}

/** `recall serve` on its own port and data folder, on PGlite whatever the environment says. */
function startServer(folder: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const { DATABASE_URL: _postgres, ...env } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'serve', '--port', '3112'], {
    cwd: root,
    env: { ...env, RECALL_DATA_DIR: folder, LANG: 'en_US.UTF-8', INIT_CWD: root },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  return { child, output: () => output, exited }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 100) {
    if (waited > 60_000) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('one process per PGlite data folder', () => {
  it('refuses a second server on a folder a live process holds: exit 1, the folder and pid in English and Chinese', async () => {
    const folder = freshFolder()
    writeLock(folder, lockOf(process.pid))
    const second = startServer(folder)
    expect(await second.exited).toBe(1)
    expect(second.output().trim().split('\n')).toEqual([
      `The data folder ${folder} is in use by another Recall process (pid ${process.pid}, started 2026-12-01T08:00:00.000Z). Stop that process first, or set RECALL_DATA_DIR to another folder.`,
      `数据目录 ${folder} 正被另一个 Recall 进程使用(进程号 ${process.pid},启动于 2026-12-01T08:00:00.000Z)。请先停止该进程,或将 RECALL_DATA_DIR 设为其他目录。`,
    ])
    expect(JSON.parse(readFileSync(join(folder, LOCK_FILE_NAME), 'utf8'))).toEqual({ pid: process.pid, startedAt: '2026-12-01T08:00:00.000Z' })
  })

  it('starts over a lock left by a killed process, holds the folder while running and frees it on a clean stop', async () => {
    const folder = freshFolder()
    writeLock(folder, lockOf(deadPid()))
    const server = startServer(folder)
    await until(() => server.output().includes('Recall is running'), 'the server to start')
    expect(JSON.parse(readFileSync(join(folder, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: server.child.pid })
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(existsSync(join(folder, LOCK_FILE_NAME))).toBe(false)
  })
})

describe('lockDataFolder', () => {
  it('refuses a folder held by a live process and names it', () => {
    const folder = freshFolder()
    writeLock(folder, lockOf(process.ppid))
    expect(() => lockDataFolder(folder)).toThrow(
      expect.objectContaining({ name: 'DataFolderLockedError', folder, owner: { pid: process.ppid, startedAt: '2026-12-01T08:00:00.000Z' } }),
    )
  })

  it('refuses a second open in the same process, and frees the folder on release', () => {
    const folder = freshFolder()
    const release = lockDataFolder(folder)
    expect(() => lockDataFolder(folder)).toThrow(DataFolderLockedError)
    release()
    expect(existsSync(join(folder, LOCK_FILE_NAME))).toBe(false)
    lockDataFolder(folder)()
  })

  it('takes over a lock whose process is gone, or whose file is unreadable', () => {
    for (const content of [lockOf(deadPid()), '']) {
      const folder = freshFolder()
      writeLock(folder, content)
      const release = lockDataFolder(folder)
      expect(JSON.parse(readFileSync(join(folder, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid })
      release()
    }
  })
})
