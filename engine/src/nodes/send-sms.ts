import { type JourneyNodeOf, sendCategory } from '@recall/shared'
import { type Delivery, deliveryPerNode } from './compose'
import { deliver } from './deliver'
import type { NodeSemantics } from './semantics'

export const smsDelivery = (node: JourneyNodeOf<'send_sms'>): Delivery => ({
  nodeId: node.id,
  channel: 'sms',
  // A coupon is marketing: a "transactional" send with an offer published before validation refused it.
  category: sendCategory(node.data.category, node.data.offer !== undefined),
  template: node.data.text,
  offer: node.data.offer,
  linkUrl: node.data.linkUrl,
  providerTemplate: node.data.providerTemplate,
  sentHandle: 'out',
  skippedHandle: 'out',
})

const deliveryOf = deliveryPerNode(smsDelivery)

export const sendSms: NodeSemantics<'send_sms'> = {
  mode: 'run',
  run: (node, context) => deliver(deliveryOf(node), context),
}
