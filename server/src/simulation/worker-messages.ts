import type { MessagePort } from 'node:worker_threads'

/**
 * What a kept simulation thread is sent for one run (worker-pool.ts): the input, then `parts` more
 * messages with the rest of it. Handed-over contacts come in parts so that the thread reads one
 * part while the calling thread copies the next one, and the other thread's, instead of every
 * thread waiting until the calling thread has copied every share whole.
 */
export type RunMessage = { input: unknown; stop: Int32Array; parts: number } | { part: unknown }

/** In a simulation thread: calls `run` once a run's input and all its parts have arrived. */
export function receiveRuns<Input, Part>(port: MessagePort, run: (input: Input, parts: Part[], stop: Int32Array) => void): void {
  let pending: { input: Input; stop: Int32Array; expected: number; parts: Part[] } | undefined
  const runWhenWhole = () => {
    if (!pending || pending.parts.length < pending.expected) return
    const { input, parts, stop } = pending
    pending = undefined
    run(input, parts, stop)
  }
  port.on('message', (message: RunMessage) => {
    if ('part' in message) pending?.parts.push(message.part as Part)
    else pending = { input: message.input as Input, stop: message.stop, expected: message.parts, parts: [] }
    runWhenWhole()
  })
}
