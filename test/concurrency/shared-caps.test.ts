import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCapsScenario, setUpCapsScenario } from '../support/caps-scenario'
import { type DatabaseHandle, postgresTestDatabase } from '../support/postgres'

const CONTACTS = 10_000
const WORKERS = 4

describe(`${WORKERS} worker processes on one PostgreSQL`, () => {
  let handle: DatabaseHandle
  let url: string
  beforeAll(async () => {
    ;({ handle, url } = await postgresTestDatabase())
    await setUpCapsScenario(handle, CONTACTS)
  }, 120_000)
  afterAll(async () => {
    await handle?.close()
  })

  it('never exceeds a cap across journeys and never sends twice', async () => {
    const outcome = await runCapsScenario(handle, url, CONTACTS, WORKERS)
    expect(outcome.duplicateKeys).toBe(0)
    expect(outcome.contacts).toBe(CONTACTS)
    // recall ≤ 2 per 30 days, and marketing+recall ≤ 1 per rolling day, for every contact.
    expect(outcome.capsExceeded).toBe(0)
    // Most contacts got both allowed messages (a carrier's later failure still uses the cap, as it may have reached the phone).
    expect(outcome.contactsWithBoth).toBeGreaterThan(0.9 * CONTACTS)
  }, 300_000)
})
