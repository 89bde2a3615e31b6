import type { JourneyDocument } from '@recall/shared'
import { type CompiledJourney, compileJourney } from './compile'

/**
 * Compiled machines by journey version. A published version never changes, so its machine is
 * built once per process; the least recently used versions are dropped past `capacity`.
 */
export class CompiledJourneyCache {
  private readonly entries = new Map<string, CompiledJourney>()

  constructor(private readonly capacity = 200) {}

  get(versionKey: string, document: JourneyDocument): CompiledJourney {
    let compiled = this.entries.get(versionKey)
    if (compiled) {
      // Re-insert to mark it most recently used.
      this.entries.delete(versionKey)
    } else {
      compiled = compileJourney(document)
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string)
    }
    this.entries.set(versionKey, compiled)
    return compiled
  }

  get size(): number {
    return this.entries.size
  }
}
