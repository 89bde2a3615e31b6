import { deliver } from './deliver'
import type { NodeSemantics } from './semantics'

export const sendSms: NodeSemantics<'send_sms'> = {
  mode: 'run',
  run: (node, context) =>
    deliver(
      {
        nodeId: node.id,
        channel: 'sms',
        category: node.data.category,
        template: node.data.text,
        offer: node.data.offer,
        linkUrl: node.data.linkUrl,
        providerTemplate: node.data.providerTemplate,
        sentHandle: 'out',
        skippedHandle: 'out',
      },
      context,
    ),
}
