import type { NodeCounts, ReasonCount, SimulationResult, VariantResult } from './types'

function sumRecords<Value>(records: readonly Record<string, Value>[], add: (a: Value, b: Value) => Value): Record<string, Value> {
  const total: Record<string, Value> = {}
  for (const record of records) for (const [key, value] of Object.entries(record)) total[key] = key in total ? add(total[key] as Value, value) : value
  return total
}

function mergeBy<Item>(lists: readonly (readonly Item[])[], keyOf: (item: Item) => string, add: (a: Item, b: Item) => Item): Item[] {
  const merged = new Map<string, Item>()
  for (const list of lists) for (const item of list) merged.set(keyOf(item), merged.has(keyOf(item)) ? add(merged.get(keyOf(item)) as Item, item) : item)
  return [...merged.values()]
}

const addCounts = (a: NodeCounts, b: NodeCounts): NodeCounts => ({
  entered: a.entered + b.entered,
  waiting: a.waiting + b.waiting,
  held: a.held + b.held,
  sent: a.sent + b.sent,
  skipped: a.skipped + b.skipped,
  exited: a.exited + b.exited,
  converted: a.converted + b.converted,
})
const addReasons = (a: ReasonCount, b: ReasonCount): ReasonCount => ({ ...a, count: a.count + b.count })
const byCount = (a: ReasonCount, b: ReasonCount) => b.count - a.count
const round = (value: number) => Math.round(value * 100) / 100

/** Combines the results of disjoint groups of contacts simulated apart (one per worker). */
export function mergeSimulationResults(results: readonly SimulationResult[], keepMessages = 1000): SimulationResult {
  const first = results[0]
  if (!first) throw new Error('mergeSimulationResults needs at least one result')
  const reasons = (pick: (result: SimulationResult) => ReasonCount[]) => mergeBy(results.map(pick), (reason) => `${reason.code}|${reason.message.en}`, addReasons).sort(byCount)
  return {
    contacts: results.reduce((sum, result) => sum + result.contacts, 0),
    simulatedDays: Math.min(...results.map((result) => result.simulatedDays)),
    steps: results.reduce((sum, result) => sum + result.steps, 0),
    cancelled: results.some((result) => result.cancelled),
    nodes: sumRecords(
      results.map((result) => result.nodes),
      addCounts,
    ),
    edges: sumRecords(
      results.map((result) => result.edges),
      (a, b) => a + b,
    ),
    messages: {
      total: results.reduce((sum, result) => sum + result.messages.total, 0),
      parts: results.reduce((sum, result) => sum + result.messages.parts, 0),
      cost: round(results.reduce((sum, result) => sum + result.messages.cost, 0)),
      byDay: mergeBy(
        results.map((result) => result.messages.byDay),
        (day) => day.date,
        (a, b) => ({ date: a.date, messages: a.messages + b.messages, parts: a.parts + b.parts, cost: round(a.cost + b.cost) }),
      ).sort((a, b) => a.date.localeCompare(b.date)),
      sample: results
        .flatMap((result) => result.messages.sample)
        .sort((a, b) => a.at - b.at)
        .slice(0, keepMessages),
    },
    held: reasons((result) => result.held),
    skipped: reasons((result) => result.skipped),
    exits: reasons((result) => result.exits),
    conversions: {
      total: results.reduce((sum, result) => sum + result.conversions.total, 0),
      byVariant: mergeBy<VariantResult>(
        results.map((result) => result.conversions.byVariant),
        (variant) => `${variant.nodeId}|${variant.variantId}`,
        (a, b) => ({ ...a, contacts: a.contacts + b.contacts, converted: a.converted + b.converted }),
      ).sort((a, b) => a.nodeId.localeCompare(b.nodeId) || a.variantId.localeCompare(b.variantId)),
    },
    timelines: Object.assign({}, ...results.map((result) => result.timelines)),
    timeZones: Object.assign({}, ...results.map((result) => result.timeZones)),
  }
}
