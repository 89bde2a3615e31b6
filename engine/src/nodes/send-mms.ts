import { type JourneyNodeOf, sendCategory } from '@recall/shared'
import { type Delivery, deliveryPerNode } from './compose'
import { deliver } from './deliver'
import type { NodeSemantics } from './semantics'

export const mmsDelivery = (node: JourneyNodeOf<'send_mms'>): Delivery => ({
  nodeId: node.id,
  channel: 'mms',
  category: sendCategory(node.data.category, node.data.offer !== undefined),
  // The fallback text is what the policies, the part count and phones without MMS see.
  template: node.data.fallbackText,
  offer: node.data.offer,
  linkUrl: node.data.linkUrl,
  sentHandle: 'out',
  skippedHandle: 'out',
  mms: {
    title: node.data.title,
    slides: node.data.slides.map((slide) => ({ text: slide.text, ...(slide.media ? { mediaUrl: slide.media.url } : {}) })),
    fallbackText: node.data.fallbackText,
  },
})

const deliveryOf = deliveryPerNode(mmsDelivery)

export const sendMms: NodeSemantics<'send_mms'> = {
  mode: 'run',
  run: (node, context) => deliver(deliveryOf(node), context),
}
