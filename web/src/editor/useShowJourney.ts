import { useNodesInitialized, useReactFlow, useStore } from '@xyflow/react'
import { useCallback, useEffect, useRef } from 'react'
import { fittedViewport, startViewport } from './opening-view'
import { useEditor } from './store'

/**
 * Shows the journey in the pane React Flow measured (the canvas between the palette and the
 * inspector): all of it when it fits at a size whose shapes still read, clear of the minimap;
 * otherwise its start at a readable size, with the rest a pan away (the minimap shows where).
 * The controls' fit button still shows everything at once.
 */
export function useShowJourney(): () => void {
  const { getNodes, getNodesBounds, setViewport } = useReactFlow()
  const paneWidth = useStore((state) => state.width)
  const paneHeight = useStore((state) => state.height)
  return useCallback(() => {
    const nodes = getNodes()
    if (nodes.length === 0 || paneWidth === 0 || paneHeight === 0) return
    const bounds = getNodesBounds(nodes)
    void setViewport(fittedViewport(bounds, paneWidth, paneHeight) ?? startViewport(bounds))
  }, [getNodes, getNodesBounds, setViewport, paneWidth, paneHeight])
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

/** Brings the node (or note) the editor was asked to show (see `showNode`) into the middle of the canvas, at a size that reads. */
export function useFocusedNode(): void {
  const focus = useEditor((state) => state.focus)
  const { getNode, setCenter, getZoom } = useReactFlow()
  useEffect(() => {
    const node = focus && getNode(focus.id)
    if (!node) return
    void setCenter(node.position.x + (node.measured?.width ?? 0) / 2, node.position.y + (node.measured?.height ?? 0) / 2, { zoom: Math.max(getZoom(), 0.8), duration: 300 })
  }, [focus, getNode, setCenter, getZoom])
}
