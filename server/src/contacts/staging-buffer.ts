/**
 * Rows waiting for their INSERT, held as the JSON text of one array in a reused byte buffer
 * rather than as objects. Each row is serialised as it arrives, so its objects (the parsed record,
 * the checked contact) die young; a batch of live objects held across the INSERT's await outlived
 * the young generation, and V8 let the promoted garbage grow the old generation by 100 MB an import.
 */
export class StagingBuffer {
  private bytes = Buffer.allocUnsafe(256 * 1024)
  private used = 0
  count = 0

  add(row: unknown): void {
    const text = JSON.stringify(row)
    const needed = this.used + Buffer.byteLength(text) + 2
    if (needed > this.bytes.length) {
      const larger = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2))
      this.bytes.copy(larger, 0, 0, this.used)
      this.bytes = larger
    }
    this.bytes[this.used] = this.count === 0 ? 0x5b /* [ */ : 0x2c /* , */
    this.used += 1 + this.bytes.write(text, this.used + 1)
    this.count += 1
  }

  /** The rows as one JSON array, emptying the buffer. */
  take(): string {
    const text = `${this.bytes.toString('utf8', 0, this.used)}]`
    this.used = 0
    this.count = 0
    return text
  }
}
