import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { RepliesPage } from '../src/pages/RepliesPage'
import { json, replyCells, replyRow, signIn } from './replies-support'

// Found by an outside tester: defects of the Replies page, each with the words it shows in en and zh.
describe('replies page, as an outside tester found it', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('a reply from before its number was taken names no one, says so, and offers no opt-out', async () => {
    signIn('editor')
    vi.stubGlobal('fetch', async () =>
      json({
        replies: [
          replyRow({ id: 1, text: 'T', action: 'opted_out', suppressed: true, optOutSource: 'reply', numberChangedHands: true }),
          replyRow({ id: 2, numberChangedHands: true }),
        ],
        next: null,
      }),
    )
    useLocaleStore.setState({ locale: 'en' })
    const { unmount } = render(<RepliesPage />)
    expect(await replyCells()).toEqual([
      ['— (number taken by another contact since)', 'T', 'Opted out (still opted out)'],
      ['— (number taken by another contact since)', '不需要', 'Nothing'],
    ])
    expect(screen.queryByRole('button', { name: 'Opt out this number' })).toBeNull()
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<RepliesPage />)
    expect(await replyCells()).toEqual([
      ['— (此号码之后已由其他联系人使用)', 'T', '已退订 (仍为退订状态)'],
      ['— (此号码之后已由其他联系人使用)', '不需要', '未处理'],
    ])
  })
})
