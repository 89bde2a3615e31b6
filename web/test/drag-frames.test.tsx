import { moveNodes, updateNodeData } from '@recall/shared'
import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flowEdges } from '../src/editor/flow-elements'
import { ignoringPosition } from '../src/editor/moved-only'
import { problemsOf } from '../src/editor/problems'
import { useEditor } from '../src/editor/store'
import { VersionsPanel } from '../src/editor/VersionsPanel'
import { openInEditor, template } from './helpers'

const cart = template('abandoned-cart')
const moved = (document: typeof cart, x: number) => moveNodes(document, new Map([['cart-reminder', { x, y: 400 }]]))

describe('what a drag frame costs the editor', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('keeps the problems of a journey whose nodes only moved, and validates again after a real edit', () => {
    // An empty text makes a problem on cart-reminder, so there is something to keep.
    const broken = updateNodeData(cart, 'cart-reminder', { ...(cart.nodes.find((node) => node.id === 'cart-reminder')?.data as object), text: '' } as never)
    const before = problemsOf(broken, undefined)
    expect(before.byNode.get('cart-reminder')?.length).toBeGreaterThan(0)
    const frame1 = moved(broken, 620)
    const frame2 = moved(frame1, 640)
    expect(problemsOf(frame1, undefined)).toBe(before)
    expect(problemsOf(frame2, undefined)).toBe(before)
    const fixed = updateNodeData(frame2, 'cart-reminder', { ...(cart.nodes.find((node) => node.id === 'cart-reminder')?.data as object) } as never)
    expect(problemsOf(fixed, undefined).byNode.get('cart-reminder')).toBeUndefined()
  })

  it('gives the inspector the same node while it is dragged, and the new one once its data changes', () => {
    const node = cart.nodes.find((candidate) => candidate.id === 'cart-reminder')
    const first = ignoringPosition(node)
    const dragged = moved(cart, 700).nodes.find((candidate) => candidate.id === 'cart-reminder')
    expect(dragged).not.toBe(node)
    expect(ignoringPosition(dragged)).toBe(first)
    const edited = updateNodeData(cart, 'cart-reminder', { ...(node?.data as object), text: 'changed' } as never).nodes.find((candidate) => candidate.id === 'cart-reminder')
    expect(ignoringPosition(edited)).toBe(edited)
  })

  it('hands React Flow the same edge objects when nodes only moved, and a new one for a selected edge', () => {
    const none = new Set<string>()
    const before = flowEdges(cart, none)
    const after = flowEdges(moved(cart, 700), none)
    expect(after.every((edge, index) => edge === before[index])).toBe(true)
    const selected = flowEdges(cart, new Set(['e-cart-reminder-out']))
    expect(selected.filter((edge, index) => edge !== before[index]).map((edge) => [edge.id, edge.selected])).toEqual([['e-cart-reminder-out', true]])
  })

  it('fetches the live version once while the draft is dragged, and still shows what changed', async () => {
    const requests: string[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        requests.push(url.replace(/^.*\/api/, ''))
        const body = url.endsWith('/versions')
          ? { versions: [{ version: 1, note: 'first', publishedAt: '2026-11-01T00:00:00Z' }] }
          : url.endsWith('/versions/1')
            ? { document: cart }
            : { counts: {} }
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
      }),
    )
    openInEditor(cart)
    render(<VersionsPanel journeyId="abandoned-cart" liveVersion={1} refreshKey={0} />)
    await screen.findByText('No differences')
    for (let x = 620; x <= 700; x += 20) useEditor.getState().preview(moved(useEditor.getState().document ?? cart, x))
    useEditor.getState().endGesture()
    const { document } = useEditor.getState()
    if (document) useEditor.getState().edit(updateNodeData(document, 'wait-1-day', { mode: 'duration', duration: { amount: 5, unit: 'days' } } as never))
    await screen.findByText('Wait 1 day → Wait 5 days')
    expect(requests.sort()).toEqual(['/journeys/abandoned-cart/counts', '/journeys/abandoned-cart/versions', '/journeys/abandoned-cart/versions/1'])
  })
})
