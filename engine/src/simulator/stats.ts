import type { JourneyDocument, LocalizedText } from '@recall/shared'
import { localDateKey, toLocal } from '../time/zoned'
import type { Effect, EnrollmentState, StepLogEntry } from '../types'
import type { DailyMessages, NodeCounts, ReasonCount, SimulatedMessage, SimulationResult } from './types'

type SendEffect = Extract<Effect, { type: 'send' }>

/** Counters filled from step logs and effects as the simulation runs. */
export class SimulationStats {
  readonly nodes: Record<string, NodeCounts> = {}
  readonly edges: Record<string, number> = {}
  private readonly days = new Map<string, DailyMessages>()
  private readonly reasons = { held: new Map<string, ReasonCount>(), skipped: new Map<string, ReasonCount>(), exits: new Map<string, ReasonCount>() }
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
    // "held: outside 08:00–21:00 Asia/Shanghai, resumes …": group by the cause, not the resume time.
    const cause = { en: message.en.split(', resumes')[0] as string, zh: message.zh.split(',将于')[0] as string }
    const key = `${code}|${cause.en}`
    const existing = this.reasons[kind].get(key)
    if (existing) existing.count += 1
    else this.reasons[kind].set(key, { code, message: cause, count: 1 })
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
    const date = localDateKey(toLocal(at, this.timeZone))
    const day = this.days.get(date) ?? { date, messages: 0, parts: 0, cost: 0 }
    day.messages += 1
    day.parts += effect.parts
    day.cost += cost
    this.days.set(date, day)
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
    const sorted = (map: Map<string, ReasonCount>) => [...map.values()].sort((a, b) => b.count - a.count)
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
