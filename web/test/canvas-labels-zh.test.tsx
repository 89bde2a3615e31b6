import { act, render, screen } from '@testing-library/react'
import { ReactFlowProvider } from '@xyflow/react'
import { describe, expect, it } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { Canvas } from '../src/editor/Canvas'
import { flowEdges } from '../src/editor/flow-elements'
import { openInEditor, template } from './helpers'

/** What a tester met in the Chinese UI: "Zoom In", "Fit View", "Edge from trigger to first-touch". */
describe("the canvas's own labels in the page's language", () => {
  it('names the zoom controls in Chinese, and in English again after switching', () => {
    openInEditor(template('abandoned-cart'), { locale: 'zh-CN' })
    render(
      <ReactFlowProvider>
        <div style={{ width: 800, height: 600 }}>
          <Canvas />
        </div>
      </ReactFlowProvider>,
    )
    const labels = () => [...document.querySelectorAll('.react-flow__controls button')].map((button) => [button.getAttribute('aria-label'), button.getAttribute('title')])
    expect(labels()).toEqual([
      ['放大', '放大'],
      ['缩小', '缩小'],
      ['适应画布', '适应画布'],
      ['锁定/解锁画布', '锁定/解锁画布'],
    ])
    expect(screen.getByTestId('rf__controls').getAttribute('aria-label')).toBe('画布控制')
    act(() => useLocaleStore.setState({ locale: 'en' }))
    expect(labels().map(([label]) => label)).toEqual(['Zoom In', 'Zoom Out', 'Fit View', 'Toggle Interactivity'])
  })

  it('names each connection by its two nodes in the page language', () => {
    const cart = template('abandoned-cart')
    const first = cart.edges[0] as { source: string; target: string }
    expect(flowEdges(cart, new Set(), undefined, 'zh-CN')[0]?.ariaLabel).toBe(`从 ${first.source} 到 ${first.target} 的连线`)
    expect(flowEdges(cart, new Set(), undefined, 'en')[0]?.ariaLabel).toBe(`Connection from ${first.source} to ${first.target}`)
  })
})
