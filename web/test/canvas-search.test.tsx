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
    const box = screen.getByRole('searchbox', { name: 'Find a node or note (name, id or text)' })
    fireEvent.change(box, { target: { value: 'wait' } })
    fireEvent.keyDown(box, { key: 'Enter' })
    expect([useEditor.getState().selectedNodeIds, screen.getByRole('status').textContent]).toEqual([['wait-for-order'], '1 of 2'])
    fireEvent.keyDown(box, { key: 'Enter' })
    expect([useEditor.getState().selectedNodeIds, screen.getByRole('status').textContent]).toEqual([['wait-1-day'], '2 of 2'])
  })

  it('finds the text of sticky notes too, selecting the note; 春节 only in a note is found, in Chinese', () => {
    const cart = template('abandoned-cart')
    openInEditor({ ...cart, notes: [{ id: 'note-1', position: { x: 600, y: 300 }, text: '春节 coupon copy approved by legal' }] }, { locale: 'zh-CN' })
    render(
      <ReactFlowProvider>
        <CanvasSearch />
      </ReactFlowProvider>,
    )
    const box = screen.getByRole('searchbox', { name: '查找节点或便签(名称、标识或文案)' })
    fireEvent.change(box, { target: { value: '春节' } })
    expect(screen.getByRole('status').textContent).toBe('第 1 个,共 1 个')
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(useEditor.getState().selectedNodeIds).toEqual(['note-1'])
    fireEvent.change(box, { target: { value: '元宵' } })
    expect(screen.getByRole('status').textContent).toBe('没有匹配的节点或便签')
  })
})
