import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { InspectorPanel } from '../src/editor/InspectorPanel'
import { openInEditor, template } from './helpers'

describe('problems in the inspector', () => {
  it('names the field in words beside the node form, in Chinese and English', () => {
    const cart = structuredClone(template('abandoned-cart'))
    const wait = cart.nodes.find((node) => node.id === 'wait-1-day')
    ;(wait as { data: { duration: { amount: number } } }).data.duration.amount = 1.5
    openInEditor(cart, { locale: 'zh-CN', select: 'wait-1-day' })
    const { unmount } = render(<InspectorPanel />)
    const list = screen.getByRole('list', { name: '问题' })
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => [item.textContent, item.dataset.path]),
    ).toEqual([['等待时长必须是整数', '/nodes/3/data/duration/amount']])
    unmount()
    openInEditor(cart, { locale: 'en', select: 'wait-1-day' })
    render(<InspectorPanel />)
    expect(screen.getByRole('list', { name: 'Problems' }).textContent).toBe('Wait duration must be a whole number')
  })
})
