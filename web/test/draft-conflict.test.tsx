import { render, screen } from '@testing-library/react'
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
})
