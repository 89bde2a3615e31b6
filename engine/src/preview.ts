import type { JourneyDocument, JourneyNode } from '@recall/shared'
import { type ComposedSend, composeSend, type Delivery } from './nodes/compose'
import { findCoupon, reminderDelivery } from './nodes/reminder-before-expiry'
import type { RunContext } from './nodes/semantics'
import { mmsDelivery } from './nodes/send-mms'
import { smsDelivery } from './nodes/send-sms'
import { contactTimeZone, contactZones } from './policies/contact-zones'
import type { SendPolicies } from './policies/policies'
import { nodeSendWindow } from './policies/window'
import type { ContactView, EnrollmentState } from './types'

export type MessageNode = Extract<JourneyNode, { type: 'send_sms' | 'send_mms' | 'reminder_before_expiry' }>

/** What each message node sends; a reminder speaks of the coupon an earlier node issued. */
const deliveries: { [Kind in MessageNode['type']]: (node: Extract<MessageNode, { type: Kind }>, context: RunContext) => Delivery } = {
  send_sms: (node) => smsDelivery(node),
  send_mms: (node) => mmsDelivery(node),
  reminder_before_expiry: (node, context) => reminderDelivery(node, node.data.expiry.source === 'coupon' ? findCoupon(node.data.expiry.sendNodeId, context) : undefined),
}

export const isMessageNode = (node: JourneyNode): node is MessageNode => node.type in deliveries

/** Message nodes in the order a contact meets them: breadth first from the triggers, then any the graph does not reach. */
export function messageNodesInOrder(journey: JourneyDocument): MessageNode[] {
  const byId = new Map(journey.nodes.map((node) => [node.id, node]))
  const seen = new Set<string>()
  const queue: JourneyNode[] = journey.nodes.filter((node) => node.type === 'trigger')
  for (const node of queue) seen.add(node.id)
  for (let index = 0; index < queue.length; index++) {
    for (const edge of journey.edges) {
      const target = byId.get(edge.target)
      if (edge.source !== (queue[index] as JourneyNode).id || !target || seen.has(target.id)) continue
      seen.add(target.id)
      queue.push(target)
    }
  }
  const unreached = journey.nodes.filter((node) => !seen.has(node.id))
  return [...queue, ...unreached].filter(isMessageNode)
}

export interface ComposedMessage {
  node: MessageNode
  send: ComposedSend
}

/**
 * Every message of a journey as one contact would get it, if each went out now: rendered by the
 * very code a send uses, ignoring the policies (window, caps, consent) that decide when. `keyOf`
 * gives each message its key, which fixes its coupon code and short link; `linkCode` makes that
 * link's code from the key, as for a send (the plain hash when absent).
 */
export function composeMessages(
  journey: JourneyDocument,
  contact: ContactView,
  policies: SendPolicies,
  now: number,
  keyOf: (nodeId: string) => string,
  linkCode?: (key: string) => string,
): ComposedMessage[] {
  const nodes = new Map(journey.nodes.map((node) => [node.id, node]))
  const state: EnrollmentState = {
    enrollmentId: 'preview',
    journeyId: journey.id,
    version: 'draft',
    contactId: contact.id,
    status: 'active',
    machine: undefined,
    nodeId: undefined,
    enteredAt: now,
    nodeEnteredAt: now,
    wake: undefined,
    variants: {},
    coupons: [],
    visits: {},
    converted: false,
  }
  const context: RunContext = {
    journey,
    contact,
    policies,
    now,
    timeZone: contactTimeZone(contact, policies.defaultTimeZone),
    zones: contactZones(contact, policies.defaultTimeZone, now),
    state,
    windowOf: (nodeId) => nodeSendWindow(journey, nodes.get(nodeId), policies),
    visitKey: keyOf,
    linkCode,
  }
  return messageNodesInOrder(journey).map((node) => {
    const delivery = (deliveries[node.type] as (node: MessageNode, context: RunContext) => Delivery)(node, context)
    return { node, send: composeSend(delivery, context, keyOf(node.id)) }
  })
}
