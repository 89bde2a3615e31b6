import type { Static, TSchema } from 'typebox'
import type { Locale, LocalizedText } from '../i18n'
import type { DeliveryContext } from '../provider-templates/delivery'
import type { SendWindow } from '../schema/common'
import type { AttributeDeclaration } from '../schema/settings'
import type { Problem } from '../validation/problem'

export interface HandleSpec {
  id: string
  label: LocalizedText
}

/** What a kind's own checks may ask about the journey around the node. */
export interface NodeCheckContext {
  nodeId: string
  /** JSON Pointer of the node's data, e.g. /nodes/3/data. */
  dataPath: string
  attributes: ReadonlyMap<string, AttributeDeclaration>
  /** The journey's brand, for the 【brand】 signature counted into message length. */
  brand: string | undefined
  /** The type of another node, or undefined when no node has that id. */
  nodeType(nodeId: string): string | undefined
  /**
   * True when every path from a trigger to this node passes through a send node that issues a
   * coupon (or through `fromNodeId` when given), so coupon variables are sure to have values.
   */
  couponIssuedOnEveryPath(fromNodeId?: string): boolean
  /** The workspace's routes and template registry, when the caller knows them (publish, the editor). */
  delivery?: DeliveryContext | undefined
  /** The workspace's allowed sending hours (Settings), when the caller knows them: a window outside them never sends. */
  allowedHours?: SendWindow | undefined
}

export interface NodeKindDefinition<Schema extends TSchema = TSchema> {
  type: string
  label: LocalizedText
  /** One line for the palette. */
  description: LocalizedText
  dataSchema: Schema
  defaults(): Static<Schema>
  handles(data: Static<Schema>): HandleSpec[]
  /** The one-line summary the canvas shows on the node, e.g. "Wait 3 days". */
  summary(data: Static<Schema>, locale: Locale): string
  /** Rules beyond the schema; data has already passed the schema. */
  check?(data: Static<Schema>, context: NodeCheckContext): Problem[]
  /** Entry points have no incoming edges. */
  isEntry?: boolean
  /**
   * True when a contact leaving by `handle` has always stayed at the node for a positive time. Every
   * path round a loop must leave some node this way, or a contact could go round it at one instant.
   * Absent: the node may let a contact through at once.
   */
  alwaysWaitsBefore?(data: Static<Schema>, handle: string): boolean
}

/** Takes the data schema first so that the rest is checked against it, literals included. */
export function defineNodeKind<Schema extends TSchema>(dataSchema: Schema, definition: NoInfer<Omit<NodeKindDefinition<Schema>, 'dataSchema'>>): NodeKindDefinition<Schema> {
  return { ...definition, dataSchema }
}

export const OUT_HANDLE: HandleSpec = { id: 'out', label: { en: 'next', zh: '下一步' } }
