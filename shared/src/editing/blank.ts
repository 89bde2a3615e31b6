import type { JourneyDocument } from '../schema/document'
import { SCHEMA_VERSION } from '../schema/document'
import { defaultJourneySettings } from '../schema/settings'
import { addNode, connect } from './edit'

/** A new journey from nothing: a trigger connected to an exit, to build between. */
export function blankJourney(id: string, name: string): JourneyDocument {
  const empty: JourneyDocument = { schemaVersion: SCHEMA_VERSION, id, name, description: '', settings: defaultJourneySettings(), nodes: [], edges: [] }
  const withTrigger = addNode(empty, 'trigger', { x: 0, y: 0 })
  const withExit = addNode(withTrigger.document, 'exit', { x: 400, y: 0 })
  const connected = connect(withExit.document, { source: withTrigger.nodeId, sourceHandle: 'out', target: withExit.nodeId })
  return 'refused' in connected ? withExit.document : connected.document
}
