import { nodeKindOf } from '@recall/shared'
import { fireEvent, render, screen } from '@testing-library/react'
import { ReactFlowProvider } from '@xyflow/react'
import { describe, expect, it } from 'vitest'
import { InspectorPanel } from '../src/editor/InspectorPanel'
import { nodeData, openInEditor, template } from './helpers'

describe('entry throttling in the trigger inspector', () => {
  it('limits entries per minute, shows the limit on the trigger node and keeps it when the trigger kind changes', () => {
    openInEditor(template('abandoned-cart'), { select: 'trigger' })
    render(
      <ReactFlowProvider>
        <InspectorPanel />
      </ReactFlowProvider>,
    )
    fireEvent.click(screen.getByLabelText('Limit how many enter (the rest queue in order)'))
    expect(nodeData('trigger')).toEqual({ on: 'event', event: 'cart_added', throttle: { limit: 100, per: 'hour' } })
    fireEvent.change(screen.getByLabelText('Most entries'), { target: { value: '20' } })
    fireEvent.change(screen.getByDisplayValue('entries per hour'), { target: { value: 'minute' } })
    expect(nodeData('trigger')).toEqual({ on: 'event', event: 'cart_added', throttle: { limit: 20, per: 'minute' } })
    const summary = (locale: 'en' | 'zh-CN') => nodeKindOf('trigger').summary(nodeData('trigger') as never, locale)
    expect([summary('en'), summary('zh-CN')]).toEqual(['Event: cart_added · at most 20/minute', '事件:cart_added · 每分钟最多 20 人'])
    fireEvent.change(screen.getByDisplayValue('An event happens'), { target: { value: 'api' } })
    expect(nodeData('trigger')).toEqual({ on: 'api', throttle: { limit: 20, per: 'minute' } })
    fireEvent.click(screen.getByLabelText('Limit how many enter (the rest queue in order)'))
    expect(nodeData('trigger')).toEqual({ on: 'api' })
  })
})
