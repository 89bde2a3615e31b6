import type { JourneyDocument, LocalizedText } from '@recall/shared'
import { DAY, localDateKey, offsetAt, toLocal } from '../time/zoned'
import type { Effect, EnrollmentState, StepLogEntry } from '../types'
import type { DailyMessages, NodeCounts, ReasonCount, SimulatedMessage, SimulationResult } from './types'

type SendEffect = Extract<Effect, { type: 'send' }>

/** The text before the first `separator`, or all of it (as `split(separator)[0]`, without the array). */
function before(text: string, separator: string): string {
  const at = text.indexOf(separator)
  return at === -1 ? text : text.slice(0, at)
}

/** Reasons counted by code and cause, in the order first seen (ties keep it when sorted by count). */
class ReasonCounts {
  readonly inOrder: ReasonCount[] = []
  /** By code, then by the English cause: no key string joined (and hashed afresh) per line. */
  private readonly byCode = new Map<string, Map<string, ReasonCount>>()

  count(code: string, message: LocalizedText): void {
    // "held: outside 08:00–21:00 Asia/Shanghai, resumes …": group by the cause, not the resume time.
    const en = before(message.en, ', resumes')
    let byCause = this.byCode.get(code)
    if (byCause === undefined) {
      byCause = new Map()
      this.byCode.set(code, byCause)
    }
    const existing = byCause.get(en)
    if (existing) {
      existing.count += 1
      return
    }
    const counted = { code, message: { en, zh: before(message.zh, ',将于') }, count: 1 }
    byCause.set(en, counted)
    this.inOrder.push(counted)
  }
}

/** Counters filled from step logs and effects as the simulation runs. */
export class SimulationStats {
  readonly nodes: Record<string, NodeCounts> = {}
  readonly edges: Record<string, number> = {}
  /** By local day number (days since 1970-01-01 on the zone's clock): no date string per send. */
  private readonly days = new Map<number, DailyMessages>()
  private readonly reasons = { held: new ReasonCounts(), skipped: new ReasonCounts(), exits: new ReasonCounts() }
  readonly sample: SimulatedMessage[] = []
  total = 0
  parts = 0
  cost = 0

  constructor(
    document: JourneyDocument,
    private readonly timeZone: string,
    private readonly keepMessages: number,
    private readonly pricing: { perPart: number; perMms: number },
  ) {
    for (const node of document.nodes) this.nodes[node.id] = { entered: 0, waiting: 0, held: 0, sent: 0, skipped: 0, exited: 0, converted: 0 }
    for (const edge of document.edges) this.edges[edge.id] = 0
  }

  private countReason(kind: keyof SimulationStats['reasons'], code: string, message: LocalizedText): void {
    this.reasons[kind].count(code, message)
  }

  recordLog(log: readonly StepLogEntry[]): void {
    for (const entry of log) {
      const counts = entry.nodeId === undefined ? undefined : this.nodes[entry.nodeId]
      switch (entry.kind) {
        case 'entered':
          if (counts) counts.entered += 1
          if (entry.detail !== undefined) this.edges[entry.detail] = (this.edges[entry.detail] ?? 0) + 1
          break
        case 'held':
          if (counts) counts.held += 1
          this.countReason('held', entry.detail ?? 'held', entry.message)
          break
        case 'sent':
          if (counts) counts.sent += 1
          break
        case 'skipped':
          if (counts) counts.skipped += 1
          this.countReason('skipped', 'skipped', entry.message)
          break
        case 'exited':
        case 'converted':
          if (counts) counts[entry.kind] += 1
          this.countReason('exits', entry.detail ?? entry.kind, entry.message)
          break
        default:
          break
      }
    }
  }

  recordSend(effect: SendEffect, contactId: string, at: number): void {
    const cost = effect.channel === 'mms' ? this.pricing.perMms : effect.parts * this.pricing.perPart
    this.total += 1
    this.parts += effect.parts
    this.cost += cost
    const dayNumber = Math.floor(Math.trunc(at + offsetAt(at, this.timeZone)) / DAY)
    let day = this.days.get(dayNumber)
    if (day === undefined) {
      day = { date: localDateKey(toLocal(at, this.timeZone)), messages: 0, parts: 0, cost: 0 }
      this.days.set(dayNumber, day)
    }
    day.messages += 1
    day.parts += effect.parts
    day.cost += cost
    if (this.sample.length < this.keepMessages)
      this.sample.push({ at, contactId, nodeId: effect.nodeId, channel: effect.channel, category: effect.category, text: effect.text, parts: effect.parts, cost })
  }

  finish(states: readonly (EnrollmentState | undefined)[]): Pick<SimulationResult, 'nodes' | 'edges' | 'messages' | 'held' | 'skipped' | 'exits' | 'conversions'> {
    const variants = new Map<string, { nodeId: string; variantId: string; contacts: number; converted: number }>()
    let converted = 0
    for (const state of states) {
      if (!state) continue
      if (state.converted) converted += 1
      if (state.status === 'active' && state.nodeId) {
        const counts = this.nodes[state.nodeId]
        if (counts) counts.waiting += 1
      }
      for (const [nodeId, variantId] of Object.entries(state.variants)) {
        const key = `${nodeId}|${variantId}`
        const entry = variants.get(key) ?? { nodeId, variantId, contacts: 0, converted: 0 }
        entry.contacts += 1
        if (state.converted) entry.converted += 1
        variants.set(key, entry)
      }
    }
    const sorted = (counts: ReasonCounts) => [...counts.inOrder].sort((a, b) => b.count - a.count)
    const round = (value: number) => Math.round(value * 100) / 100
    return {
      nodes: this.nodes,
      edges: this.edges,
      messages: {
        total: this.total,
        parts: this.parts,
        cost: round(this.cost),
        byDay: [...this.days.values()].sort((a, b) => a.date.localeCompare(b.date)).map((day) => ({ ...day, cost: round(day.cost) })),
        sample: this.sample,
      },
      held: sorted(this.reasons.held),
      skipped: sorted(this.reasons.skipped),
      exits: sorted(this.reasons.exits),
      conversions: { total: converted, byVariant: [...variants.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId) || a.variantId.localeCompare(b.variantId)) },
    }
  }
}
