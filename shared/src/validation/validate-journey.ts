import { type NodeCheckContext, nodeKindOf } from '../nodes/index'
import { checkSendWindow } from '../nodes/message-checks'
import type { DeliveryContext } from '../provider-templates/delivery'
import type { SendWindow } from '../schema/common'
import { type JourneyDocument, JourneyEnvelopeSchema } from '../schema/document'
import { declaredAttributes } from '../schema/variables'
import { reachable, successors, triggerIds } from './graph'
import { checkGraph } from './graph-checks'
import { error, type Problem } from './problem'
import { schemaProblems } from './schema-errors'

export interface JourneyValidation {
  problems: Problem[]
  /** The typed document, when its shape (not necessarily its rules) is sound. */
  document: JourneyDocument | undefined
}

function parseJson(text: string): { value?: unknown; problem?: Problem } {
  try {
    return { value: JSON.parse(text) }
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause)
    return { problem: error('json.malformed', '', { en: `The file is not valid JSON: ${detail}`, zh: `文件不是有效的 JSON:${detail}` }) }
  }
}

/**
 * Every problem with a journey, in one pass. Never throws: malformed JSON and wrong types come
 * back as problems with their JSON path, like any rule.
 */
export interface ValidationOptions {
  /** The workspace's routes and template registry: SMS nodes routed to a template cloud are checked against it. */
  delivery?: DeliveryContext | undefined
  /** The workspace's allowed sending hours (Settings → send policies): journey and node windows must overlap them. */
  allowedHours?: SendWindow | undefined
}

export function validateJourney(input: unknown, options: ValidationOptions = {}): JourneyValidation {
  let value = input
  if (typeof input === 'string') {
    const parsed = parseJson(input)
    if (parsed.problem) return { problems: [parsed.problem], document: undefined }
    value = parsed.value
  }
  const structural = schemaProblems(JourneyEnvelopeSchema, value, '')
  if (structural.length > 0) return { problems: structural, document: undefined }

  const document = value as JourneyDocument
  const problems: Problem[] = []
  const validData = new Set<string>()
  document.nodes.forEach((node, index) => {
    const nodeProblems = schemaProblems(nodeKindOf(node.type).dataSchema, node.data, `/nodes/${index}/data`, { nodeId: node.id })
    if (nodeProblems.length === 0) validData.add(node.id)
    problems.push(...nodeProblems)
  })
  problems.push(...checkSettings(document, options.allowedHours))
  problems.push(...checkGraph(document, validData))
  problems.push(...checkNodeRules(document, validData, options))
  return { problems, document }
}

function checkSettings(document: JourneyDocument, allowedHours: SendWindow | undefined): Problem[] {
  const { settings } = document
  const problems = checkSendWindow(settings.sendWindow, settings.category, '/settings/sendWindow', {}, allowedHours)
  if (document.name.trim() === '') problems.push(error('journey.name_empty', '/name', { en: 'Give the journey a name', zh: '请填写旅程名称' }))
  if (settings.entry.reentry === 'after_days' && settings.entry.reentryDays === undefined) {
    problems.push(error('settings.reentry_days', '/settings/entry/reentryDays', { en: 'Re-entry "after N days" needs the number of days', zh: '"N 天后可再次进入"需要填写天数' }))
  }
  return problems
}

function checkNodeRules(document: JourneyDocument, validData: ReadonlySet<string>, { delivery, allowedHours }: ValidationOptions): Problem[] {
  const attributes = declaredAttributes(document.settings.attributes)
  const types = new Map(document.nodes.map((node) => [node.id, node.type]))
  const next = successors(document.edges)
  const triggers = triggerIds(document)
  const issuesCoupon = new Set(document.nodes.filter((node) => (node.type === 'send_sms' || node.type === 'send_mms') && node.data.offer).map((node) => node.id))

  return document.nodes.flatMap((node, index) => {
    const kind = nodeKindOf(node.type)
    if (!validData.has(node.id) || !kind.check) return []
    const context: NodeCheckContext = {
      nodeId: node.id,
      dataPath: `/nodes/${index}/data`,
      attributes,
      brand: document.settings.brand,
      delivery,
      allowedHours,
      nodeType: (id) => types.get(id),
      couponIssuedOnEveryPath(fromNodeId) {
        const blocks = (id: string) => id !== node.id && (fromNodeId === undefined ? issuesCoupon.has(id) : id === fromNodeId && issuesCoupon.has(id))
        return !reachable(triggers, next, blocks).has(node.id)
      },
    }
    return kind.check(node.data, context)
  })
}
