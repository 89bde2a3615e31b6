import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { useLocaleStore } from '../src/app/locale'
import { useEditor } from '../src/editor/store'

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
