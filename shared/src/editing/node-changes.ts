import Value from 'typebox/value'
import type { LocalizedText } from '../i18n'
import { nodeKindOf } from '../nodes/index'
import type { JourneyDocument, JourneyNode } from '../schema/document'
import { fieldWords } from '../validation/field-words'

/** One line of a readable diff: "Wait 3 days → Wait 5 days", or a text before and after. */
export interface FieldChange {
  what: LocalizedText
  before?: string
  after?: string
}

export interface NodeChanges {
  nodeId: string
  kind: 'added' | 'removed' | 'changed'
  changes: FieldChange[]
}

const isScalar = (value: unknown) => value === undefined || ['number', 'boolean'].includes(typeof value)
/** The line the canvas shows on a node, e.g. "Wait 3 days". */
const summary = (node: JourneyNode, locale: 'en' | 'zh-CN') => nodeKindOf(node.type).summary(node.data as never, locale)
const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

/** Field by field, what differs in one node's data; the canvas summary first when that says it ("Wait 3 days → Wait 5 days"). */
function dataChanges(before: JourneyNode, after: JourneyNode): FieldChange[] {
  const changes: FieldChange[] = []
  const summaryChanged = summary(before, 'en') !== summary(after, 'en')
  if (summaryChanged) changes.push({ what: { en: `${summary(before, 'en')} → ${summary(after, 'en')}`, zh: `${summary(before, 'zh-CN')} → ${summary(after, 'zh-CN')}` } })
  const old = before.data as Record<string, unknown>
  const now = after.data as Record<string, unknown>
  for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
    if (Value.Equal(old[key], now[key])) continue
    const words = fieldWords(`/${key}`)
    // Texts are shown whole, before and after: a marketer reads them, not a character diff.
    if (typeof old[key] === 'string' || typeof now[key] === 'string')
      changes.push({ what: { en: `${words.en} changed`, zh: `${words.zh}已修改` }, before: shown(old[key] ?? ''), after: shown(now[key] ?? '') })
    else if (isScalar(old[key]) && isScalar(now[key]))
      changes.push({ what: { en: `${words.en}: ${shown(old[key] ?? '—')} → ${shown(now[key] ?? '—')}`, zh: `${words.zh}:${shown(old[key] ?? '—')} → ${shown(now[key] ?? '—')}` } })
    // A nested value (a duration, a condition) is named, not dumped; the summary line above usually says how.
    else if (!summaryChanged) changes.push({ what: { en: `${words.en} changed`, zh: `${words.zh}已修改` } })
  }
  return changes
}

/** A node replaced by one of another kind under the same id (an imported or hand-edited file): what it did, then what it does. */
function kindChange(before: JourneyNode, after: JourneyNode): FieldChange {
  return {
    what: { en: `Node kind changed: ${summary(before, 'en')} → ${summary(after, 'en')}`, zh: `节点类型已更改:${summary(before, 'zh-CN')} → ${summary(after, 'zh-CN')}` },
  }
}

function connectionChanges(before: JourneyDocument, after: JourneyDocument, nodeId: string): FieldChange[] {
  const targets = (document: JourneyDocument) => new Map(document.edges.filter((edge) => edge.source === nodeId).map((edge) => [edge.sourceHandle, edge.target]))
  const was = targets(before)
  const is = targets(after)
  return [...new Set([...was.keys(), ...is.keys()])]
    .filter((handle) => was.get(handle) !== is.get(handle))
    .map((handle) => ({
      what: {
        en: `Output "${handle}": ${was.get(handle) ?? 'not connected'} → ${is.get(handle) ?? 'not connected'}`,
        zh: `出口"${handle}":${was.get(handle) ?? '未连接'} → ${is.get(handle) ?? '未连接'}`,
      },
    }))
}

/** What `after` changes against `before`, node by node and field by field, in words a marketer reads. */
export function describeChanges(before: JourneyDocument, after: JourneyDocument): NodeChanges[] {
  const old = new Map(before.nodes.map((node) => [node.id, node]))
  const now = new Set(after.nodes.map((node) => node.id))
  const result: NodeChanges[] = []
  for (const node of after.nodes) {
    const previous = old.get(node.id)
    if (!previous) {
      result.push({
        nodeId: node.id,
        kind: 'added',
        changes: [{ what: { en: summary(node, 'en'), zh: summary(node, 'zh-CN') } }],
      })
      continue
    }
    const changes = [...(previous.type === node.type ? dataChanges(previous, node) : [kindChange(previous, node)]), ...connectionChanges(before, after, node.id)]
    if (changes.length > 0) result.push({ nodeId: node.id, kind: 'changed', changes })
  }
  for (const node of before.nodes) if (!now.has(node.id)) result.push({ nodeId: node.id, kind: 'removed', changes: [] })
  return result
}
