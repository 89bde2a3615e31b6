import type { LiveSnapshot, NodeSnapshot } from '@recall/shared'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { signedIn } from '../src/app/session'
import { EditorPage } from '../src/editor/EditorPage'
import { json, record, serve, streamSays, stubPresence } from './editor-server'

beforeAll(stubPresence)

const counts = (given: Partial<NodeSnapshot> = {}): NodeSnapshot => ({ active: 0, sent: 0, delivered: 0, clicked: 0, failed: 0, redeemed: 0, ...given })
const snapshot = (alarms: LiveSnapshot['alarms']): LiveSnapshot => ({
  liveVersion: 2,
  nodes: { 'wait-for-order': counts({ active: 3 }) },
  olderVersions: [],
  edges: {},
  totals: { ...counts({ active: 3 }), messaged: 0, optedOut: 0, deliveryRate: null, unsubscribeRate: null },
  thresholds: { deliveryRateMin: 0.95, unsubscribeRateMax: 0.02 },
  alarms,
})

/** j1 live in the Live view, as a user of the role; answers the retry with `retried` and keeps what was posted. */
async function openLiveView(locale: 'en' | 'zh-CN', role: 'editor' | 'viewer' = 'editor') {
  useLocaleStore.setState({ locale })
  signedIn({ user: { userId: 'u', email: 'e@shop.example', name: 'E', role, canPublish: true }, csrfToken: 'c' })
  const posted: string[] = []
  serve(record('live'), undefined, (url, init) => {
    if (init.method !== 'POST' || !url.endsWith('/stopped/retry')) return undefined
    posted.push(url)
    return json({ retried: 2 })
  })
  render(<EditorPage journeyId="j1" />)
  await screen.findByRole('heading', { level: 1 })
  fireEvent.click(screen.getByRole('button', { name: locale === 'en' ? '● Live' : '● 实时' }))
  await screen.findByTestId('live-version')
  streamSays('/journeys/j1/live', snapshot([{ code: 'stopped_steps', value: 2, threshold: 0 }]))
  return posted
}

const alarmText = () => screen.getAllByRole('alert').map((alarm) => alarm.textContent)

describe('contacts stopped by a failing step, in the Live view', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('says how many stopped and why, and tries them again when asked', async () => {
    const posted = await openLiveView('en')
    expect(alarmText()).toEqual([
      '2 contacts stopped: their step failed 5 times in a row and they wait where they are (their timelines say where); the server log has the cause Try them again',
    ])
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try them again' })))
    expect(posted).toEqual(['/api/journeys/j1/stopped/retry'])
    expect((await screen.findByText('2 tried again')).textContent).toBe('2 tried again')
  })

  it('says it in Chinese, and only shows viewers', async () => {
    const posted = await openLiveView('zh-CN', 'viewer')
    expect(alarmText()).toEqual(['2 位联系人已停止:其步骤连续失败 5 次,停在原处等待(时间线中有所在节点);原因见服务器日志'])
    expect(screen.queryByRole('button', { name: '重新尝试' })).toBeNull()
    expect(posted).toEqual([])
  })
})
