import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inboundMessages, suppressions } from '../../src/db/schema/index'
import { receiveReply } from '../../src/replies/replies'
import { useTestDatabase } from '../support/databases'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')

/** What a number's replies say, one after another: a plain stop, a complaint, or a START. */
const REPLIES = { stop: ['TD', 'STOP', '退订', 'please stop'], complaint: ['这是骚扰', '我要投诉你们', 'This is harassment', 'I will report you'], start: ['START', '订阅'] }
type Said = keyof typeof REPLIES

/**
 * The rule, as a person would tell it: a plain stop opts the number out and the writer's later START
 * lifts it; a complaint opts it out for good (a START is held), whatever came before or after it.
 */
function expected(said: readonly Said[]): { suppressed: 'reply' | 'complaint' | null; held: boolean[] } {
  let state: 'reply' | 'complaint' | null = null
  const held: boolean[] = []
  for (const kind of said) {
    if (kind === 'complaint') state = 'complaint'
    else if (kind === 'stop') state = state ?? 'reply'
    else {
      held.push(state === 'complaint')
      if (state === 'reply') state = null
    }
  }
  return { suppressed: state, held }
}

describe('a number’s opt-out under any run of stops, complaints and STARTs', () => {
  const handle = useTestDatabase('pglite')

  it('is lifted by a START only when no complaint came before it', async () => {
    let serial = 0
    const replies = fc.array(
      fc.constantFrom<Said>('stop', 'complaint', 'start').chain((kind) => fc.constantFrom(...REPLIES[kind]).map((text) => ({ kind, text }))),
      { minLength: 1, maxLength: 7 },
    )
    await fc.assert(
      fc.asyncProperty(replies, async (sequence) => {
        serial += 1
        const phone = `+86139555${String(serial).padStart(5, '0')}`
        for (const [index, { text }] of sequence.entries())
          await receiveReply(handle().db, { provider: 'sandbox', providerMessageId: `p-${serial}-${index}`, phone, text, at: NOW + index * 60_000 })
        const [number] = await handle().db.select({ source: suppressions.source }).from(suppressions).where(eq(suppressions.phone, phone))
        const starts = await handle().db.select({ keyword: inboundMessages.keyword }).from(inboundMessages).where(eq(inboundMessages.phone, phone)).orderBy(inboundMessages.id)
        const want = expected(sequence.map((reply) => reply.kind))
        expect({
          suppressed: number?.source ?? null,
          // A START that did not lift: held for review, or kept once a later stop came (start_kept); not
          // one that found nothing to lift (start_idle) or came before the opt-out (start_early).
          held: starts.filter((row) => row.keyword?.startsWith('start')).map((row) => row.keyword === 'start_held' || row.keyword === 'start_kept'),
        }).toEqual(want)
      }),
      { numRuns: 25 },
    )
  })
})
