import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { addNodeAt } from '../src/editor/commands'
import { useEditor } from '../src/editor/store'
import { MonitoringPanel } from '../src/monitoring/MonitoringPanel'
import { openInEditor, template } from './helpers'

describe('small things a marketer tripped over', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('puts each palette click beside the last new node, never on top of it', () => {
    openInEditor(template('abandoned-cart'))
    for (let click = 0; click < 3; click++) addNodeAt('wait', { x: 1000, y: 1000 })
    const added = useEditor
      .getState()
      .document?.nodes.slice(-3)
      .map((node) => node.position)
    expect(added).toEqual([
      { x: 1000, y: 1000 },
      { x: 1040, y: 1040 },
      { x: 1080, y: 1080 },
    ])
  })

  it('sets <html lang> to the language shown', () => {
    useLocaleStore.getState().setLocale('en')
    expect(document.documentElement.lang).toBe('en')
  })

  it('asks before taking a contact out of a live journey, naming them', async () => {
    useLocaleStore.setState({ locale: 'en' })
    openInEditor(template('abandoned-cart'), { select: 'wait-1-day' })
    const removed: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === 'POST') removed.push(url)
        const body = url.includes('/nodes/')
          ? { contacts: [{ enrollmentId: 'e1', externalId: 'M-7', name: '周七', phone: '+8613812345678', enteredAt: '2026-12-01T00:00:00Z' }], next: null, total: 1 }
          : url.includes('/control-group')
            ? { controlGroupPercent: 0, heldOut: { contacts: 0 } }
            : url.includes('/series')
              ? {
                  timeZone: 'Asia/Shanghai',
                  bucket: 'day',
                  from: '2026-12-01T00:00:00Z',
                  to: '2026-12-01T00:00:00Z',
                  points: [],
                  totals: { entries: 0, sends: 0, conversions: 0, revenue: 0 },
                  hasRevenue: false,
                }
              : { splits: [] }
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
      }),
    )
    vi.stubGlobal(
      'EventSource',
      class {
        close() {}
      },
    )
    render(<MonitoringPanel journeyId="abandoned-cart" status="live" onStatus={() => {}} onRolledOut={() => {}} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Remove from journey' }))
    expect(removed).toEqual([])
    expect(screen.getByRole('alert').textContent).toContain('Remove M-7? They exit now and get no more messages')
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }))
    await vi.waitFor(() => expect(removed).toEqual(['/api/journeys/abandoned-cart/contacts/M-7/remove']))
  })
})
