import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { WorkspaceSection } from '../src/pages/settings/WorkspaceSection'

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
const SETTINGS = {
  pricePerPart: 0.05,
  pricePerMms: 0.15,
  deliveryRateMin: 0.95,
  unsubscribeRateMax: 0.02,
  unknownContacts: 'create',
  lateEventHours: 24,
  controlGroupPercent: 0,
  approvalMessagesPer24h: null,
  approvalCost: null,
}

/** Answers the stored settings, and each save with what was sent; returns the saves. */
function serveSettings(): unknown[] {
  const saved: unknown[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init?: RequestInit) => {
      if (init?.method === 'PUT') saved.push(JSON.parse(String(init.body)))
      return json(init?.method === 'PUT' ? JSON.parse(String(init.body)) : SETTINGS)
    }),
  )
  return saved
}

describe('workspace settings', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('sets how events for unknown users and late events are taken', async () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    const saved = serveSettings()
    render(<WorkspaceSection />)
    const unknown = await screen.findByRole('combobox', { name: '事件中的用户 ID 尚不存在时' })
    fireEvent.change(unknown, { target: { value: 'refuse' } })
    fireEvent.change(screen.getByRole('spinbutton', { name: '早于此时长的事件不触发旅程(小时;仍保存用于分群)' }), { target: { value: '6' } })
    fireEvent.click(screen.getByRole('button', { name: '保存' }))
    expect(await screen.findByText('已保存')).toBeTruthy()
    expect(saved).toEqual([{ ...SETTINGS, unknownContacts: 'refuse', lateEventHours: 6 }])
  })

  it('sets the global control group share', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const saved = serveSettings()
    render(<WorkspaceSection />)
    const share = await screen.findByRole('spinbutton', {
      name: 'Global control group (% of contacts that get no marketing or recall message, to measure uplift; 0 or empty = off)',
    })
    fireEvent.change(share, { target: { value: '5' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Saved')).toBeTruthy()
    // Emptied, the box saves 0 (off), not the previous share.
    fireEvent.change(share, { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(saved).toHaveLength(2))
    expect(saved).toEqual([
      { ...SETTINGS, controlGroupPercent: 5 },
      { ...SETTINGS, controlGroupPercent: 0 },
    ])
  })
})
