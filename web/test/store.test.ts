import { addNode } from '@recall/shared'
import { beforeEach, describe, expect, it } from 'vitest'
import { autoLayout, duplicateSelection } from '../src/editor/commands'
import { useEditor } from '../src/editor/store'
import { openInEditor, template } from './helpers'

const cart = template('abandoned-cart')

describe('editor store', () => {
  beforeEach(() => openInEditor(cart))

  it('undoes and redoes every edit in order', () => {
    const first = addNode(cart, 'wait', { x: 0, y: 0 }).document
    const second = addNode(first, 'exit', { x: 0, y: 0 }).document
    const { edit, undo, redo } = useEditor.getState()
    edit(first)
    edit(second)
    undo()
    expect(useEditor.getState().document).toBe(first)
    undo()
    expect(useEditor.getState().document).toBe(cart)
    redo()
    redo()
    expect(useEditor.getState().document).toBe(second)
    expect(useEditor.getState().future).toEqual([])
  })

  it('makes a whole drag one undo step', () => {
    const { preview, endGesture, undo } = useEditor.getState()
    for (const x of [10, 20, 30]) preview({ ...cart, nodes: cart.nodes.map((node) => (node.id === 'done' ? { ...node, position: { x, y: 0 } } : node)) })
    endGesture()
    expect(useEditor.getState().past).toEqual([cart])
    undo()
    expect(useEditor.getState().document).toBe(cart)
  })

  it('coalesces typing in one field into one undo step, but not edits of different fields', () => {
    const { edit } = useEditor.getState()
    edit({ ...cart, name: 'A' }, 'name')
    edit({ ...cart, name: 'AB' }, 'name')
    edit({ ...cart, name: 'ABC' }, 'name')
    expect(useEditor.getState().past).toHaveLength(1)
    edit({ ...cart, name: 'ABC', description: 'x' }, 'description')
    expect(useEditor.getState().past).toHaveLength(2)
  })

  it('refuses edits while a published version is shown over the draft, and keeps the draft and its undo steps under it', () => {
    useEditor.getState().load(cart)
    useEditor.getState().edit({ ...cart, name: 'draft edit' })
    useEditor.getState().showVersion({ version: 3, document: cart })
    useEditor.getState().edit({ ...cart, name: 'changed' })
    const { document, past, versionShown } = useEditor.getState()
    expect([document?.name, past.map((before) => before.name), versionShown?.version]).toEqual(['draft edit', [cart.name], 3])
  })

  it('duplicates the selection with fresh ids and the edges among them', () => {
    useEditor.getState().select(['wait-1-day', 'cart-coupon'])
    duplicateSelection()
    const { document, selectedNodeIds } = useEditor.getState()
    expect(selectedNodeIds).toEqual(['wait-1', 'send_sms-1'])
    expect(document?.nodes.find((node) => node.id === 'wait-1')?.position).toEqual({
      x: (cart.nodes.find((node) => node.id === 'wait-1-day')?.position.x ?? 0) + 40,
      y: (cart.nodes.find((node) => node.id === 'wait-1-day')?.position.y ?? 0) + 40,
    })
    expect(document?.edges.at(-1)).toMatchObject({ source: 'wait-1', target: 'send_sms-1' })
  })

  it('lays a journey out left to right: every edge goes rightwards', () => {
    const scrambled = { ...cart, nodes: cart.nodes.map((node, index) => ({ ...node, position: { x: (7 - index) * 50, y: index * 10 } })) }
    openInEditor(scrambled)
    autoLayout()
    const { document } = useEditor.getState()
    const x = new Map(document?.nodes.map((node) => [node.id, node.position.x]))
    for (const edge of document?.edges ?? []) expect(x.get(edge.target)).toBeGreaterThan(x.get(edge.source) as number)
    expect(useEditor.getState().past).toHaveLength(1)
  })
})
