import { describe, expect, it } from 'vitest'
import { fittedViewport, READABLE_ZOOM, startViewport } from '../src/editor/opening-view'

// The pane between the palette and the inspector at 1440×900.
const PANE = { width: 856, height: 694 }

describe('the view a journey opens at', () => {
  it('shows all of the abandoned-cart journey (1722×380) in the pane, left of nothing and above the minimap', () => {
    const view = fittedViewport({ x: 0, y: 0, width: 1722, height: 380 }, PANE.width, PANE.height)
    // Fitted to the width less the margins; the minimap's 165 px are taken from the height, which has room to spare.
    expect(view?.zoom).toBeCloseTo((856 - 80) / 1722, 6)
    const zoom = view?.zoom ?? 0
    expect(view?.x).toBeCloseTo(40, 6)
    // Its right edge ends 40 px inside the pane; its bottom stays above the minimap (694 − 165).
    expect((view?.x ?? 0) + 1722 * zoom).toBeCloseTo(816, 6)
    expect((view?.y ?? 0) + 380 * zoom).toBeLessThan(694 - 165)
  })

  it('keeps a tall journey left of the minimap', () => {
    const view = fittedViewport({ x: 100, y: 50, width: 400, height: 1200 }, PANE.width, PANE.height)
    expect(view?.zoom).toBeCloseTo((694 - 80) / 1200, 6)
    const zoom = view?.zoom ?? 0
    expect((view?.x ?? 0) + (100 + 400) * zoom).toBeLessThan(856 - 215)
    expect((view?.y ?? 0) + 50 * zoom).toBeCloseTo(40, 6)
  })

  it('opens a small journey at full size, not blown up', () => {
    expect(fittedViewport({ x: 0, y: 0, width: 300, height: 100 }, PANE.width, PANE.height)?.zoom).toBe(1)
  })

  it('opens a 300-node journey at its start at a readable size, since fitted it would be a thumbnail', () => {
    const bounds = { x: -20, y: 10, width: 9000, height: 2400 }
    expect(fittedViewport(bounds, PANE.width, PANE.height)).toBeUndefined()
    expect(startViewport(bounds)).toEqual({ x: 40 + 20 * READABLE_ZOOM, y: 40 - 10 * READABLE_ZOOM, zoom: READABLE_ZOOM })
  })
})
