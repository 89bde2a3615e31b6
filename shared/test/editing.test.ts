import { describe, expect, it } from 'vitest'
import { addNode, connect, diffJourneys, insertOnEdge, JOURNEY_TEMPLATES, type JourneyDocument, pasteNodes, removeElements, updateNodeData, validateJourney } from '../src/index'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument

describe('journey edits', () => {
  it('adds a node with its kind defaults and a fresh id', () => {
    const { document, nodeId } = addNode(cart, 'wait', { x: 10, y: 20 })
    expect(nodeId).toBe('wait-1')
    expect(document.nodes.at(-1)).toEqual({ id: 'wait-1', type: 'wait', position: { x: 10, y: 20 }, data: { mode: 'duration', duration: { amount: 1, unit: 'days' } } })
    expect(addNode(document, 'wait', { x: 0, y: 0 }).nodeId).toBe('wait-2')
    expect(cart.nodes).toHaveLength(7)
  })

  it('replaces the edge of an output that is already connected', () => {
    const result = connect(cart, { source: 'cart-reminder', sourceHandle: 'out', target: 'done' })
    if (!('document' in result)) throw new Error('refused')
    expect(result.document.edges.filter((edge) => edge.source === 'cart-reminder')).toEqual([
      { id: 'e-cart-reminder-out-done', source: 'cart-reminder', sourceHandle: 'out', target: 'done' },
    ])
  })

  it('refuses connections into a trigger, onto itself, or from an output the node does not have', () => {
    expect(connect(cart, { source: 'done', sourceHandle: 'out', target: 'trigger' })).toEqual({
      refused: { en: 'A trigger cannot have incoming connections', zh: '触发节点不能有进入的连线' },
    })
    expect(connect(cart, { source: 'wait-1-day', sourceHandle: 'out', target: 'wait-1-day' })).toMatchObject({ refused: { en: 'A node cannot connect to itself' } })
    expect(connect(cart, { source: 'done', sourceHandle: 'out', target: 'cart-coupon' })).toMatchObject({ refused: { en: '"done" has no output "out"' } })
  })

  it('inserts a wait between two nodes and the journey stays valid', () => {
    const result = insertOnEdge(cart, 'e-cart-reminder-out', 'wait', { x: 0, y: 0 })
    if (!('document' in result)) throw new Error('refused')
    expect(result.document.edges.filter((edge) => edge.source === 'cart-reminder' || edge.source === 'wait-1').map((edge) => `${edge.source}>${edge.target}`)).toEqual([
      'cart-reminder>wait-1',
      'wait-1>wait-1-day',
    ])
    expect(validateJourney(result.document).problems).toEqual([])
    expect(insertOnEdge(cart, 'e-cart-reminder-out', 'exit', { x: 0, y: 0 })).toMatchObject({ refused: { en: 'A Exit node cannot sit between two nodes' } })
  })

  it('removes nodes with their edges, and drops edges of outputs that disappear', () => {
    const removed = removeElements(cart, ['wait-1-day'])
    expect(removed.edges.some((edge) => edge.source === 'wait-1-day' || edge.target === 'wait-1-day')).toBe(false)
    expect(removed.edges).toHaveLength(4)
    const asDuration = updateNodeData(cart, 'wait-for-order', { mode: 'duration', duration: { amount: 2, unit: 'hours' } })
    expect(asDuration.edges.filter((edge) => edge.source === 'wait-for-order')).toEqual([])
  })

  it('pastes copies with fresh ids and the edges among them only', () => {
    const clipboard = { nodes: cart.nodes.filter((node) => ['wait-1-day', 'cart-coupon'].includes(node.id)), edges: cart.edges }
    const { document, nodeIds } = pasteNodes(cart, clipboard, { x: 40, y: 40 })
    expect(nodeIds).toEqual(['wait-1', 'send_sms-1'])
    expect(document.edges.at(-1)).toEqual({ id: 'e-wait-1-out-send_sms-1', source: 'wait-1', sourceHandle: 'out', target: 'send_sms-1' })
    expect(document.edges).toHaveLength(cart.edges.length + 1)
  })

  it('diffs a draft against the live version, ignoring moves', () => {
    const moved = { ...cart, nodes: cart.nodes.map((node) => ({ ...node, position: { x: node.position.x + 5, y: 0 } })) }
    expect(diffJourneys(cart, moved)).toEqual({ added: [], removed: [], changed: [], settingsChanged: false })
    const inserted = insertOnEdge(removeElements(cart, ['purchased']), 'e-cart-reminder-out', 'wait', { x: 0, y: 0 })
    if (!('document' in inserted)) throw new Error('refused')
    expect(diffJourneys(cart, inserted.document)).toEqual({ added: ['wait-1'], removed: ['purchased'], changed: ['wait-for-order', 'cart-reminder'], settingsChanged: false })
  })
})
