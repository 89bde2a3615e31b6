import { Logger, makeWorkerUtils, run } from 'graphile-worker'

export const STEPS_PER_CONTACT = 6

/**
 * The same journey as a job queue runs it: one job per step, an outbox row every second step,
 * the next step's job added in the step's own transaction. Returns steps per second.
 */
export async function graphileStepsPerSecond(url: string, contacts: number): Promise<number> {
  const total = contacts * STEPS_PER_CONTACT
  let done = 0
  let finish: () => void = () => {}
  const finished = new Promise<void>((resolve) => {
    finish = resolve
  })
  const silent = new Logger(() => () => {})
  // Set-up, not timed: the queue's schema, the outbox table and every contact's first step.
  const utils = await makeWorkerUtils({ connectionString: url, logger: silent })
  await utils.migrate()
  await utils.withPgClient((client) =>
    client.query('create table bench_outbox (id bigserial primary key, contact int not null, step int not null, created_at timestamptz not null default now())'),
  )
  for (let first = 0; first < contacts; first += 1000)
    await utils.addJobs(Array.from({ length: Math.min(1000, contacts - first) }, (_, index) => ({ identifier: 'step', payload: { contact: first + index, step: 1 } })))
  const started = performance.now()
  const runner = await run({
    connectionString: url,
    concurrency: 4,
    noHandleSignals: true,
    logger: silent,
    taskList: {
      async step(payload, helpers) {
        const { contact, step } = payload as { contact: number; step: number }
        await helpers.withPgClient(async (client) => {
          await client.query('begin')
          if (step % 2 === 0) await client.query('insert into bench_outbox (contact, step) values ($1, $2)', [contact, step])
          if (step < STEPS_PER_CONTACT) await client.query('select graphile_worker.add_job($1, $2::json)', ['step', JSON.stringify({ contact, step: step + 1 })])
          await client.query('commit')
        })
        done += 1
        if (done === total) finish()
      },
    },
  })
  await finished
  const seconds = (performance.now() - started) / 1000
  await runner.stop()
  const outbox = await utils.withPgClient((client) => client.query<{ count: string }>('select count(*) from bench_outbox'))
  await utils.release()
  const expected = (contacts * STEPS_PER_CONTACT) / 2
  if (Number(outbox.rows[0]?.count) !== expected) throw new Error(`graphile-worker wrote ${outbox.rows[0]?.count} outbox rows, not ${expected}`)
  return total / seconds
}
