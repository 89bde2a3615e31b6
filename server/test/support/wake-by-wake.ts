import { eq, min } from 'drizzle-orm'
import type { Database } from '../../src/db/database'
import { enrollments } from '../../src/db/schema/index'
import type { JourneyRunner } from '../../src/worker/runner'

/**
 * The live runner on an accelerated clock: the clock jumps to each next wake and the runner takes
 * what is due, until nothing is due before `end`. `setNow` moves the clock the runner reads.
 */
export async function runWakeByWake(db: Database, runner: JourneyRunner, end: number, setNow: (at: number) => void): Promise<void> {
  for (;;) {
    const [next] = await db
      .select({ at: min(enrollments.nextWakeAt) })
      .from(enrollments)
      .where(eq(enrollments.status, 'active'))
    if (!next?.at || next.at.getTime() >= end) return
    setNow(next.at.getTime())
    await runner.processDue(1_000)
  }
}
