/**
 * Rows waiting for their INSERT, held as the JSON text of one array in a reused byte buffer
 * rather than as objects. Each row is serialised as it arrives, so its objects (the parsed record,
 * the checked contact) die young; a batch of live objects held across the INSERT's await outlived
 * the young generation, and V8 let the promoted garbage grow the old generation by 100 MB an import.
 */
export class StagingBuffer {
  private buffer = Buffer.allocUnsafe(128 * 1024)
  private used = 0
  count = 0

  /** The size of the staged text so far. */
  get bytes(): number {
    return this.used
  }

  add(row: unknown): void {
    const text = JSON.stringify(row)
    const needed = this.used + Buffer.byteLength(text) + 2
    if (needed > this.buffer.length) {
      const larger = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2))
      this.buffer.copy(larger, 0, 0, this.used)
      this.buffer = larger
    }
    this.buffer[this.used] = this.count === 0 ? 0x5b /* [ */ : 0x2c /* , */
    this.used += 1 + this.buffer.write(text, this.used + 1)
    this.count += 1
  }

  /**
   * The rows as the UTF-8 bytes of one JSON array, emptying the buffer. A view, not a copy: valid
   * until the next `add`, so the caller awaits its INSERT first. Bytes, not a string: the text never
   * enters V8's heap (a batch's text as one string of ~300 KB went to the old generation's
   * large-object space and waited there for a full collection).
   */
  take(): Buffer {
    this.buffer[this.used] = 0x5d /* ] */
    const bytes = this.buffer.subarray(0, this.used + 1)
    this.used = 0
    this.count = 0
    return bytes
  }
}
