import type { JourneyDocument } from '@recall/shared'
import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { addNodeNear } from '../src/editor/commands'
import { useEditor } from '../src/editor/store'
import { MonitoringPanel } from '../src/monitoring/MonitoringPanel'
import { openInEditor, template } from './helpers'

describe('small things a marketer tripped over', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('puts each palette click at a free spot near the centre of the view, clear of nodes and notes', () => {
    openInEditor(template('abandoned-cart'))
    const start = useEditor.getState().document as JourneyDocument
    // A note sits just right of the centre: new nodes keep 20 px clear of it.
    useEditor.getState().edit({ ...start, nodes: [], edges: [], notes: [{ id: 'note-1', position: { x: 1140, y: 950 }, text: '春节文案' }] })
    for (let click = 0; click < 3; click++) addNodeNear('send_sms', { x: 1000, y: 1000 })
    const added = useEditor.getState().document?.nodes.map((node) => node.position)
    // A node is given 220 × 180 (room for its problem lines), a note 200 × 120; 20 px kept between them.
    expect(added).toEqual([
      { x: 900, y: 920 },
      { x: 900, y: 720 },
      { x: 900, y: 1120 },
    ])
  })

  it('sets <html lang> to the language shown', () => {
    useLocaleStore.getState().setLocale('en')
    expect(document.documentElement.lang).toBe('en')
  })

  it('asks before taking a contact out of a live journey, naming them', async () => {
    useLocaleStore.setState({ locale: 'en' })
    openInEditor(template('abandoned-cart'), { select: 'wait-1-day' })
    // The Live view draws the live version; who waits at a node is listed for the version drawn.
    useEditor.setState({ liveShown: { version: 1, document: template('abandoned-cart') } })
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
    render(<MonitoringPanel journeyId="abandoned-cart" status="live" onStatus={() => {}} onRolledOut={async () => {}} />)
    fireEvent.click(await screen.findByRole('button', { name: 'Remove from journey' }))
    expect(removed).toEqual([])
    expect(screen.getByRole('alert').textContent).toContain('Remove M-7? They exit now and get no more messages')
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }))
    await vi.waitFor(() => expect(removed).toEqual(['/api/journeys/abandoned-cart/contacts/M-7/remove']))
  })
})
