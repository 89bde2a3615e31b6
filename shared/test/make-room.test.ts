import { describe, expect, it } from 'vitest'
import { insertOnEdge, JOURNEY_TEMPLATES, type JourneyDocument, makeRoomAfter } from '../src/index'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument
const positions = (document: JourneyDocument) => Object.fromEntries(document.nodes.map((node) => [node.id, node.position]))

describe('making room for a node inserted on a connection', () => {
  it('moves only the nodes after it on its path; the other branch and loose nodes stay put', () => {
    const loose = { ...cart, nodes: [...cart.nodes, { id: 'spare-exit', type: 'exit' as const, position: { x: 900, y: 600 }, data: { reason: 'completed' } }] } as JourneyDocument
    const inserted = insertOnEdge(loose, 'e-wait-for-order-timeout', 'wait', { x: 460, y: 320 })
    if ('refused' in inserted) throw new Error('refused')
    const after = positions(makeRoomAfter(inserted.document, inserted.nodeId))
    expect(after).toEqual({
      trigger: { x: 0, y: 160 },
      'wait-for-order': { x: 300, y: 160 },
      // On the timeout path, after the new wait: one node's width and a gap to the right.
      'cart-reminder': { x: 860, y: 320 },
      'wait-1-day': { x: 1160, y: 320 },
      'cart-coupon': { x: 1460, y: 320 },
      done: { x: 1760, y: 320 },
      // Right of the insertion but on the "ordered" branch, or not connected: unmoved.
      purchased: { x: 600, y: 0 },
      'spare-exit': { x: 900, y: 600 },
      [inserted.nodeId]: { x: 460, y: 320 },
    })
  })
})
