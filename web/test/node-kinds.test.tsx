import { addNode, NODE_KINDS, nodeKindOf } from '@recall/shared'
import { render, screen } from '@testing-library/react'
import { ReactFlowProvider } from '@xyflow/react'
import { describe, expect, it } from 'vitest'
import { InspectorPanel } from '../src/editor/InspectorPanel'
import { NODE_VISUALS } from '../src/nodes/visuals'
import { openInEditor, template } from './helpers'

describe.each(NODE_KINDS)('the %s kind in the editor', (kind) => {
  it('has a canvas look and an inspector that opens on a fresh node in both languages', () => {
    expect(NODE_VISUALS[kind].accent).toMatch(/^#[0-9a-f]{6}$/)
    for (const locale of ['en', 'zh-CN'] as const) {
      const { document, nodeId } = addNode(template('abandoned-cart'), kind, { x: 0, y: 0 })
      openInEditor(document, { locale, select: nodeId })
      const { unmount } = render(
        <ReactFlowProvider>
          <InspectorPanel />
        </ReactFlowProvider>,
      )
      const label = locale === 'en' ? nodeKindOf(kind).label.en : nodeKindOf(kind).label.zh
      expect(screen.getByRole('heading', { name: label }).tagName).toBe('H2')
      expect(screen.getByText(nodeId).tagName).toBe('CODE')
      unmount()
    }
  })
})
