import type { JourneyDocument, JourneyNode } from '@recall/shared'

/** Sections of three nodes (split, wait, SMS) laid out ten to a row, as a large real journey would be. */
function sectionPosition(nodeIndex: number, slot: number): { x: number; y: number } {
  const section = Math.floor((nodeIndex - 1) / 3)
  return { x: (section % 10) * 300, y: Math.floor(section / 10) * 420 + slot * 130 }
}

/** A long journey of repeated "split → SMS / wait → SMS" sections, every node reachable. */
export function largeJourney(nodeCount: number): JourneyDocument {
  const nodes: JourneyNode[] = [{ id: 'n0', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'event', event: 'app_open' } }]
  const edges: JourneyDocument['edges'] = []
  let previous = 'n0'
  while (nodes.length < nodeCount - 1) {
    const i = nodes.length
    const split = `n${i}`
    const wait = `n${i + 1}`
    const sms = `n${i + 2}`
    nodes.push(
      {
        id: split,
        type: 'segment_split',
        position: sectionPosition(i, 0),
        data: { branches: [{ id: 'vip', label: 'VIP', condition: { match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'gold' }] } }] },
      },
      { id: wait, type: 'wait', position: sectionPosition(i, 1), data: { mode: 'duration', duration: { amount: 1, unit: 'days' } } },
      {
        id: sms,
        type: 'send_sms',
        position: sectionPosition(i, 2),
        data: { text: '{{name|亲}},您有{{points|一些}}积分即将到期,点击查看 {{link}}', category: 'recall', linkUrl: 'https://shop.example.com' },
      },
    )
    edges.push(
      { id: `e${edges.length}`, source: previous, sourceHandle: previous === 'n0' ? 'out' : 'out', target: split },
      { id: `e${edges.length + 1}`, source: split, sourceHandle: 'vip', target: sms },
      { id: `e${edges.length + 2}`, source: split, sourceHandle: 'else', target: wait },
      { id: `e${edges.length + 3}`, source: wait, sourceHandle: 'out', target: sms },
    )
    previous = sms
  }
  nodes.push({ id: 'end', type: 'exit', position: { x: 0, y: 0 }, data: { reason: 'completed' } })
  edges.push({ id: 'e-end', source: previous, sourceHandle: 'out', target: 'end' })
  return {
    schemaVersion: 1,
    id: 'large',
    name: 'Large',
    description: '',
    settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
    nodes,
    edges,
  }
}
