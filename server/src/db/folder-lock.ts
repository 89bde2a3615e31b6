import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LocalizedText } from '@recall/shared'

/** The lock file inside a PGlite data folder: the pid and start time of the process serving it. */
export const LOCK_FILE_NAME = 'recall.lock'

export interface LockOwner {
  pid: number
  startedAt: string
}

/** Another live process serves this folder: PGlite is single-process, two would corrupt it. */
export class DataFolderLockedError extends Error {
  readonly text: LocalizedText

  constructor(
    readonly folder: string,
    readonly owner: LockOwner,
  ) {
    const text = {
      en: `The data folder ${folder} is in use by another Recall process (pid ${owner.pid}, started ${owner.startedAt}). Stop that process first, or set RECALL_DATA_DIR to another folder.`,
      zh: `数据目录 ${folder} 正被另一个 Recall 进程使用(进程号 ${owner.pid},启动于 ${owner.startedAt})。请先停止该进程,或将 RECALL_DATA_DIR 设为其他目录。`,
    }
    super(text.en)
    this.name = 'DataFolderLockedError'
    this.text = text
  }
}

/** Folders this process holds, so a second open in the same process is refused as well. */
const heldHere = new Set<string>()

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * When a process started, on Linux (/proc: boot time plus the start in clock ticks, 100 a second);
 * undefined elsewhere. A pid whose process started after the lock was written was reused by another program.
 */
function processStartedAt(pid: number): number | undefined {
  try {
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1])
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    const ticks = Number(fields[19])
    return Number.isFinite(bootSeconds) && Number.isFinite(ticks) ? bootSeconds * 1000 + ticks * 10 : undefined
  } catch {
    return undefined
  }
}

/** The lock's owner still runs: its pid is alive and did not start after the lock was taken. */
function ownerRuns(owner: LockOwner): boolean {
  if (!isAlive(owner.pid)) return false
  const started = processStartedAt(owner.pid)
  return started === undefined || started <= Date.parse(owner.startedAt) + 2_000
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>
    return Number.isInteger(owner.pid) && typeof owner.startedAt === 'string' ? { pid: owner.pid as number, startedAt: owner.startedAt } : undefined
  } catch {
    return undefined
  }
}

const sameOwner = (a: LockOwner | undefined, b: LockOwner | undefined) => a?.pid === b?.pid && a?.startedAt === b?.startedAt

/** Creates the lock with its content in one step: written aside, then hard-linked, which fails if the lock exists. */
function tryCreate(path: string, owner: LockOwner): boolean {
  const draft = `${path}.${process.pid}.draft`
  writeFileSync(draft, JSON.stringify(owner))
  try {
    linkSync(draft, path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    rmSync(draft, { force: true })
  }
}

/**
 * Moves a dead owner's lock out of the way. The rename is atomic, so of two processes starting at
 * once only one moves it; one that finds it moved a live lock instead puts it back.
 */
function setAside(path: string, stale: LockOwner | undefined): void {
  const aside = `${path}.${process.pid}.stale`
  try {
    renameSync(path, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  try {
    if (!sameOwner(readOwner(aside), stale)) linkSync(aside, path)
  } catch {
    // A third process already holds the lock again; nothing to restore.
  } finally {
    rmSync(aside, { force: true })
  }
}

/**
 * The folder holds every contact, password hash and session hash, and PGlite writes its files
 * readable and writable by everyone (0666): only the folder's own mode (0700) keeps other users of
 * the machine out. A folder owned by someone else cannot be changed; it is served as it is.
 */
function makePrivate(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  try {
    chmodSync(folder, 0o700)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error
  }
}

/**
 * Takes the data folder for this process, or throws DataFolderLockedError naming the live owner.
 * A lock left by a process that is gone (killed, crashed, a container restarted with the same pid)
 * is taken over. Returns the release, also run when the process exits.
 */
export function lockDataFolder(folder: string): () => void {
  makePrivate(folder)
  const path = join(folder, LOCK_FILE_NAME)
  const owner: LockOwner = { pid: process.pid, startedAt: new Date().toISOString() }
  if (heldHere.has(path)) throw new DataFolderLockedError(folder, readOwner(path) ?? owner)
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, owner)) {
      heldHere.add(path)
      const release = () => {
        process.off('exit', release)
        heldHere.delete(path)
        if (sameOwner(readOwner(path), owner)) rmSync(path, { force: true })
      }
      process.on('exit', release)
      return release
    }
    const current = readOwner(path)
    if (current && current.pid !== process.pid && ownerRuns(current)) throw new DataFolderLockedError(folder, current)
    setAside(path, current)
  }
  throw new DataFolderLockedError(folder, readOwner(path) ?? owner)
}
