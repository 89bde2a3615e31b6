import type { Locale } from '@recall/shared'
import { clockFromEnvironment } from '../clock'
import { openDatabase } from '../db/database'
import { serializeError } from '../plugins/logging'
import { failureLogLine, type IsolatedFailure } from '../worker/isolation'
import { journeyRunner } from '../worker/runner'
import { sendLeaseFromEnvironment, startBackgroundWorker, stepLoopsFor } from '../worker/start'
import type { CliIo } from './commands'

/** `recall worker`: one more worker process against the PostgreSQL in DATABASE_URL. */
export async function workerCommand(_args: string[], locale: Locale, io: CliIo): Promise<number> {
  if (!io.env.DATABASE_URL) {
    io.stderr(
      locale === 'zh-CN'
        ? '独立的 worker 进程需要 PostgreSQL:请设置 DATABASE_URL(内嵌的 PGlite 只能由 serve 进程使用)'
        : 'A separate worker needs PostgreSQL: set DATABASE_URL (the embedded PGlite belongs to the serve process)',
    )
    return 2
  }
  const clock = clockFromEnvironment(io.env)
  const database = await openDatabase({ url: io.env.DATABASE_URL })
  // One JSON line each, without the values a failed query or an error's message may quote (phones, contact ids, texts).
  const onFailure = (failure: IsolatedFailure) => io.stderr(JSON.stringify(failureLogLine(failure)))
  const worker = await startBackgroundWorker({
    database,
    runner: journeyRunner(database.db, { clock: clock.now, realPerSimulated: clock.realPerSimulated, onFailure }),
    clock,
    secretKey: io.env.RECALL_SECRET_KEY,
    onError: (error) => io.stderr(JSON.stringify(serializeError(error))),
    onFailure,
    sendLeaseMs: sendLeaseFromEnvironment(io.env),
    stepLoops: stepLoopsFor(database.kind, io.env),
  })
  io.stdout(locale === 'zh-CN' ? 'Recall worker 已启动' : 'Recall worker running')
  await new Promise<void>((done) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => done())
  })
  await worker.stop()
  await database.close()
  return 0
}
