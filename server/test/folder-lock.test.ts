import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DataFolderLockedError, LOCK_FILE_NAME, lockDataFolder } from '../src/db/folder-lock'
import { serve } from '../src/server'
import { REPOSITORY_ROOT, spawnRecall } from './support/recall-process'

const freshFolder = () => join(mkdtempSync(join(tmpdir(), 'recall-lock-')), 'data')

/** The pid of a process that has come and gone. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid
  if (pid === undefined) throw new Error('could not start a process')
  return pid
}

const lockOf = (pid: number, startedAt = new Date().toISOString()) => JSON.stringify({ pid, startedAt })

function writeLock(folder: string, content: string): void {
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, LOCK_FILE_NAME), content)
}

/** `recall serve` as its own process on a data folder, on PGlite whatever the environment says. */
function startServer(folder: string): { output: () => string; exited: Promise<number | null> } {
  const { DATABASE_URL: _postgres, ...env } = process.env
  const child = spawnRecall(['serve', '--port', '3112'], {
    env: { ...env, RECALL_DATA_DIR: folder, LANG: 'en_US.UTF-8', INIT_CWD: REPOSITORY_ROOT },
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
  return { output: () => output, exited }
}

describe('one process per PGlite data folder', () => {
  // A server started in this process over a lock left by a killed one: it must take the folder over.
  const folder = freshFolder()
  let app: FastifyInstance | undefined
  beforeAll(async () => {
    writeLock(folder, lockOf(deadPid()))
    app = (await serve({ port: 0, dataDir: folder, env: {} })).app
  }, 120_000)
  afterAll(async () => {
    await app?.close()
  })

  it('starts over a lock left by a killed process and holds the folder while it runs', async () => {
    expect(JSON.parse(readFileSync(join(folder, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid })
    expect((await app?.inject({ method: 'GET', url: '/api/health' }))?.statusCode).toBe(200)
  })

  it('refuses a second server on the folder: exit 1, the folder and the running pid in English and Chinese', async () => {
    const { startedAt } = JSON.parse(readFileSync(join(folder, LOCK_FILE_NAME), 'utf8'))
    const second = startServer(folder)
    expect(await second.exited).toBe(1)
    expect(second.output().trim().split('\n')).toEqual([
      `The data folder ${folder} is in use by another Recall process (pid ${process.pid}, started ${startedAt}). Stop that process first, or set RECALL_DATA_DIR to another folder.`,
      `数据目录 ${folder} 正被另一个 Recall 进程使用(进程号 ${process.pid},启动于 ${startedAt})。请先停止该进程,或将 RECALL_DATA_DIR 设为其他目录。`,
    ])
  })

  it('frees the folder when the server stops cleanly', async () => {
    await app?.close()
    app = undefined
    expect(existsSync(join(folder, LOCK_FILE_NAME))).toBe(false)
  })
})

describe('lockDataFolder', () => {
  it('refuses a folder held by a live process and names it', () => {
    const folder = freshFolder()
    const startedAt = new Date().toISOString()
    writeLock(folder, lockOf(process.ppid, startedAt))
    expect(() => lockDataFolder(folder)).toThrow(expect.objectContaining({ name: 'DataFolderLockedError', folder, owner: { pid: process.ppid, startedAt } }))
  })

  it('takes over a lock whose pid now belongs to a process started after the lock was written', () => {
    const folder = freshFolder()
    // This process is alive, but it started long after 2020: another program got the pid again.
    writeLock(folder, lockOf(process.ppid, '2020-01-01T00:00:00.000Z'))
    const release = lockDataFolder(folder)
    expect(JSON.parse(readFileSync(join(folder, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid })
    release()
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

  it('keeps other users of the machine out of the folder: created 0700, and an open folder closed to 0700', () => {
    const created = freshFolder()
    lockDataFolder(created)()
    expect(statSync(created).mode & 0o777).toBe(0o700)
    const open = freshFolder()
    mkdirSync(open, { recursive: true })
    chmodSync(open, 0o777)
    lockDataFolder(open)()
    expect(statSync(open).mode & 0o777).toBe(0o700)
  })
})
