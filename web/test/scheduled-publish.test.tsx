import type { PublishSchedule } from '@recall/shared'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ScheduleBadge } from '../src/app/ScheduleBadge'
import { PublishDialog } from '../src/editor/PublishDialog'
import { openInEditor, template } from './helpers'

const SCHEDULE: PublishSchedule = {
  publishAt: '2026-12-05T01:00:00.000Z',
  localTime: '2026-12-05T09:00',
  timeZone: 'Asia/Shanghai',
  note: 'Black Friday copy',
  scheduledBy: '王丽',
  failure: null,
}

function stubServer(answer: unknown, status = 200) {
  const calls: { method: string; url: string; body: unknown }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ method: String(init.method), url, body: init.body ? JSON.parse(String(init.body)) : undefined })
      return status === 204 ? new Response(null, { status }) : new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } })
    }),
  )
  return calls
}

describe('scheduled publish', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('schedules the draft for a date and time in the chosen zone', async () => {
    openInEditor(template('abandoned-cart'))
    const calls = stubServer({ schedule: SCHEDULE })
    const onScheduled = vi.fn()
    render(<PublishDialog journeyId="abandoned-cart" onClose={() => {}} onPublished={() => {}} onScheduled={onScheduled} />)
    fireEvent.click(screen.getByLabelText('At a date and time'))
    const confirm = screen.getByRole('button', { name: 'Schedule' })
    expect(confirm).toHaveProperty('disabled', true)
    fireEvent.change(screen.getByLabelText('Go-live time'), { target: { value: '2026-12-05T09:00' } })
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'Asia/Shanghai' } })
    fireEvent.change(screen.getByLabelText('What changed in this version?'), { target: { value: 'Black Friday copy' } })
    fireEvent.click(confirm)
    await waitFor(() => expect(onScheduled).toHaveBeenCalledWith(SCHEDULE))
    expect(calls).toEqual([
      // The dialog asked for the draft's zone warnings when it opened.
      { method: 'POST', url: '/api/journeys/abandoned-cart/validate', body: undefined },
      {
        method: 'PUT',
        url: '/api/journeys/abandoned-cart/schedule',
        body: { localTime: '2026-12-05T09:00', timeZone: 'Asia/Shanghai', note: 'Black Friday copy', migrate: false },
      },
    ])
  })

  it('shows when it goes live, and cancels it', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const calls = stubServer(undefined, 204)
    const onCancelled = vi.fn()
    render(<ScheduleBadge journeyId="abandoned-cart" schedule={SCHEDULE} onCancelled={onCancelled} />)
    expect(screen.getByRole('status').firstChild?.textContent).toBe('⏰ Goes live 12-05 09:00 Asia/Shanghai')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel schedule' }))
    await waitFor(() => expect(onCancelled).toHaveBeenCalledTimes(1))
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual(['DELETE /api/journeys/abandoned-cart/schedule'])
  })

  it('says in Chinese why a scheduled publish did not go live', () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const failure = {
      failedAt: '2026-12-05T01:00:00.000Z',
      message: { en: 'The journey has errors; fix them before publishing', zh: '旅程存在错误,修正后才能发布' },
      problems: [
        { code: 'sms.empty', severity: 'error' as const, path: '/nodes/2/data/text', nodeId: 'cart-reminder', message: { en: 'Message text is empty', zh: '短信内容为空' } },
      ],
    }
    render(<ScheduleBadge journeyId="abandoned-cart" schedule={{ ...SCHEDULE, failure }} onCancelled={() => {}} />)
    expect(screen.getByRole('status').firstChild?.textContent).toBe('⚠ 定时发布未能上线 (12-05 09:00 Asia/Shanghai): 旅程存在错误,修正后才能发布')
    expect(screen.getByRole('listitem').textContent).toBe('短信内容为空')
    expect(screen.getByRole('button', { name: '关闭' })).toBeTruthy()
  })
})
