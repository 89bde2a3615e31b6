import { describe, expect, it } from 'vitest'
import { chunksByContact, writeQueue } from '../../src/worker/write-queue'

describe('chunks of an ingestion', () => {
  it("never splits a contact's events, and closes a chunk at the first new contact once it is full", () => {
    const events = ['a', 'a', 'b', 'b', 'b', 'c', 'd', 'd'].map((rowId, index) => ({ rowId, index }))
    expect(chunksByContact(events, 3).map((chunk) => chunk.map((event) => event.index))).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7],
    ])
    expect(chunksByContact(events, 1).map((chunk) => chunk.map((event) => event.rowId).join(''))).toEqual(['aa', 'bbb', 'c', 'dd'])
    expect(chunksByContact(events, Number.POSITIVE_INFINITY)).toEqual([events])
    expect(chunksByContact([], 2)).toEqual([])
  })
})

describe('the write queue', () => {
  it('runs writes one after another, each once the one before is done', async () => {
    const queue = writeQueue()
    const log: string[] = []
    let release = () => {}
    queue.add(async () => {
      log.push('first starts')
      await new Promise<void>((resolve) => {
        release = resolve
      })
      log.push('first ends')
    })
    queue.add(async () => {
      log.push('second')
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(log).toEqual(['first starts'])
    release()
    await queue.drain()
    expect(log).toEqual(['first starts', 'first ends', 'second'])
  })

  it('never runs a write queued after a failed one, and drain rejects with that failure', async () => {
    const queue = writeQueue()
    const ran: string[] = []
    queue.add(async () => {
      throw new Error('refused')
    })
    queue.add(async () => {
      ran.push('later')
    })
    // No unhandled rejection in the meantime: the caller is still computing.
    await new Promise((resolve) => setImmediate(resolve))
    await expect(queue.drain()).rejects.toThrow('refused')
    await expect(queue.settle()).resolves.toBeUndefined()
    expect(ran).toEqual([])
  })
})
