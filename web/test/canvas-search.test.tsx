import { fireEvent, render, screen } from '@testing-library/react'
import { ReactFlowProvider } from '@xyflow/react'
import { describe, expect, it } from 'vitest'
import { CanvasSearch, matchingNodes } from '../src/editor/CanvasSearch'
import { useEditor } from '../src/editor/store'
import { openInEditor, template } from './helpers'

describe('search on the canvas', () => {
  it('finds nodes by id, summary in either language, or message text', () => {
    const cart = template('abandoned-cart')
    const ids = (query: string) => matchingNodes(cart.nodes, query).map((node) => node.id)
    expect(ids('cart-coupon')).toEqual(['cart-coupon'])
    expect(ids('等待')).toEqual(['wait-for-order', 'wait-1-day'])
    expect(ids('Wait 1 day')).toEqual(['wait-1-day'])
    expect(ids('   ')).toEqual([])
  })

  it('selects the next match on Enter and says which of how many', () => {
    openInEditor(template('abandoned-cart'))
    render(
      <ReactFlowProvider>
        <CanvasSearch />
      </ReactFlowProvider>,
    )
    const box = screen.getByRole('searchbox', { name: 'Find a node (name, id or text)' })
    fireEvent.change(box, { target: { value: 'wait' } })
    fireEvent.keyDown(box, { key: 'Enter' })
    expect([useEditor.getState().selectedNodeIds, screen.getByRole('status').textContent]).toEqual([['wait-for-order'], '1 of 2'])
    fireEvent.keyDown(box, { key: 'Enter' })
    expect([useEditor.getState().selectedNodeIds, screen.getByRole('status').textContent]).toEqual([['wait-1-day'], '2 of 2'])
  })
})
