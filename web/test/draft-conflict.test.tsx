import { act, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { DraftConflict } from '../src/editor/DraftConflict'
import { useSaveState } from '../src/editor/save-state'

const MESSAGE = 'Li Na saved this draft at 2026-12-02 04:20 UTC (revision 5) after you opened it'

describe('the draft conflict notice', () => {
  it('lists what differs, not the problem that only says the refusal is at If-Match', () => {
    useLocaleStore.setState({ locale: 'en' })
    useSaveState.setState({
      state: 'conflict',
      conflict: {
        message: MESSAGE,
        problems: [
          { code: 'draft_changed', severity: 'error', path: '/headers/if-match', message: { en: MESSAGE, zh: MESSAGE }, text: MESSAGE },
          { code: 'changed_elsewhere', severity: 'warning', nodeId: 'cart-reminder', path: '/nodes/2', message: { en: 'x', zh: 'x' }, text: 'They changed "cart-reminder"' },
        ],
      },
    })
    render(<DraftConflict journeyId="j1" onReloaded={() => {}} />)
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['They changed "cart-reminder"'])
    expect(screen.getByRole('alert').textContent?.startsWith(`Someone else saved this draft: ${MESSAGE}`)).toBe(true)
  })

  it('lists their changes and, apart, my changes not saved yet, as the server tells them, in English and Chinese', () => {
    const problem = (code: string, nodeId: string | undefined, en: string, zh: string) => ({
      code,
      severity: 'warning' as const,
      path: nodeId ? '/nodes/2' : '/settings',
      ...(nodeId ? { nodeId } : {}),
      message: { en, zh },
    })
    useSaveState.setState({
      state: 'conflict',
      conflict: {
        message: MESSAGE,
        problems: [
          problem('changed_elsewhere', 'cart-reminder', 'They changed "cart-reminder"', '对方修改了"cart-reminder"'),
          problem('changed_here', 'wait-1-day', 'You changed "wait-1-day"', '你修改了"wait-1-day"'),
          problem('changed_here', undefined, 'You changed the journey name or settings', '你修改了旅程名称或设置'),
        ],
      },
    })
    const lists = () => screen.getAllByRole('list').map((list) => [list.getAttribute('aria-label'), [...list.querySelectorAll('li')].map((item) => item.textContent)])
    useLocaleStore.setState({ locale: 'en' })
    const { rerender } = render(<DraftConflict journeyId="j1" onReloaded={() => {}} />)
    expect(lists()).toEqual([
      ['Their changes', ['They changed "cart-reminder"']],
      ['Your unsaved changes', ['You changed "wait-1-day"', 'You changed the journey name or settings']],
    ])
    act(() => useLocaleStore.setState({ locale: 'zh-CN' }))
    rerender(<DraftConflict journeyId="j1" onReloaded={() => {}} />)
    expect(lists()).toEqual([
      ['对方的修改', ['对方修改了"cart-reminder"']],
      ['你未保存的修改', ['你修改了"wait-1-day"', '你修改了旅程名称或设置']],
    ])
  })
})
