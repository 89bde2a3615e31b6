import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { useLocaleStore } from '../src/app/locale'
import { useEditor } from '../src/editor/store'
import type { SimulationResult } from '../src/simulation/store'

export function template(id: string): JourneyDocument {
  const found = JOURNEY_TEMPLATES.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no template ${id}`)
  return found
}

/** Opens a journey in the editor store, in the given language, with one node selected. */
export function openInEditor(document: JourneyDocument, options: { locale?: 'en' | 'zh-CN'; select?: string } = {}): void {
  useLocaleStore.setState({ locale: options.locale ?? 'en' })
  useEditor.getState().load(document)
  if (options.select) useEditor.getState().select([options.select])
}

export function nodeData(nodeId: string): unknown {
  return useEditor.getState().document?.nodes.find((node) => node.id === nodeId)?.data
}

/** A finished simulation's result with nothing in it but what a test gives. */
export function simulationResult(given: Partial<SimulationResult> = {}): SimulationResult {
  return {
    contacts: 0,
    simulatedDays: 0,
    cancelled: false,
    nodes: {},
    edges: {},
    messages: { total: 0, parts: 0, cost: 0, byDay: [] },
    held: [],
    skipped: [],
    exits: [],
    conversions: { total: 0, byVariant: [] },
    timelines: {},
    timeZones: {},
    ...given,
  }
}
