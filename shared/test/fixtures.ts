import type { JourneyDocument, JourneyNode } from '../src/index'

/** trigger → wait 1 day → recall SMS → exit: the smallest journey that passes every rule. */
export function minimalJourney(): JourneyDocument {
  return {
    schemaVersion: 1,
    id: 'minimal',
    name: 'Minimal',
    description: '',
    settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
    nodes: [
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'event', event: 'app_open' } },
      { id: 'pause', type: 'wait', position: { x: 300, y: 0 }, data: { mode: 'duration', duration: { amount: 1, unit: 'days' } } },
      { id: 'sms', type: 'send_sms', position: { x: 600, y: 0 }, data: { text: '{{name|亲}},好久不见,送您一张券', category: 'recall' } },
      { id: 'end', type: 'exit', position: { x: 900, y: 0 }, data: { reason: 'completed' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceHandle: 'out', target: 'pause' },
      { id: 'e2', source: 'pause', sourceHandle: 'out', target: 'sms' },
      { id: 'e3', source: 'sms', sourceHandle: 'out', target: 'end' },
    ],
  }
}

export function nodeById<Type extends JourneyNode['type']>(document: JourneyDocument, id: string, type: Type): Extract<JourneyNode, { type: Type }> {
  const node = document.nodes.find((candidate) => candidate.id === id)
  if (node?.type !== type) throw new Error(`fixture has no ${type} node "${id}"`)
  return node as Extract<JourneyNode, { type: Type }>
}
