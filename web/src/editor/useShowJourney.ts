import { useNodesInitialized, useReactFlow, useStore } from '@xyflow/react'
import { useCallback, useEffect, useRef } from 'react'

/** The smallest zoom at which a node's 12 px text still reads without squinting. */
export const READABLE_ZOOM = 0.75
/** Small journeys open at full size rather than blown up. */
const FIT_VIEW = { maxZoom: 1, padding: 0.15 }
const MARGIN_PX = 40

/**
 * Shows the journey: all of it when it fits at a readable size; otherwise its start at that size,
 * with the rest a pan away (the minimap shows where), since a long journey shrunk to fit the pane
 * is a picture nobody can read or edit. The controls' fit button still shows everything at once.
 */
export function useShowJourney(): () => void {
  const { fitView, getNodes, getNodesBounds, setViewport } = useReactFlow()
  const paneWidth = useStore((state) => state.width)
  const paneHeight = useStore((state) => state.height)
  return useCallback(() => {
    const nodes = getNodes()
    if (nodes.length === 0 || paneWidth === 0 || paneHeight === 0) return
    const bounds = getNodesBounds(nodes)
    const fitted = Math.min((paneWidth - 2 * MARGIN_PX) / bounds.width, (paneHeight - 2 * MARGIN_PX) / bounds.height)
    if (fitted >= READABLE_ZOOM) {
      void fitView(FIT_VIEW)
      return
    }
    // Its start at the top left: a panel that opens below later (simulation, live) hides the least.
    const zoom = READABLE_ZOOM
    void setViewport({ x: MARGIN_PX - bounds.x * zoom, y: MARGIN_PX - bounds.y * zoom, zoom })
  }, [fitView, getNodes, getNodesBounds, setViewport, paneWidth, paneHeight])
}

/** Shows each journey once, when it opens and its nodes have been measured. */
export function useOpeningView(journeyId: string | undefined): void {
  const initialized = useNodesInitialized()
  const show = useShowJourney()
  const shownFor = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (!initialized || !journeyId || shownFor.current === journeyId) return
    shownFor.current = journeyId
    show()
  }, [initialized, journeyId, show])
}
