import type { JourneyDocument } from '@recall/shared'

export const node = (id: string, type: string, x: number, data: unknown, y = 0) => ({ id, type, position: { x, y }, data }) as JourneyDocument['nodes'][number]
export const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourceHandle: 'out', target })

/**
 * "Lapsed buyers": a recall SMS, a wait, a second SMS, an exit. The forecast, approval and publish
 * tests change one part of it and look at what the change does.
 */
export function lapsedJourney(wait: { id: string; amount: number; unit: 'hours' | 'days' }, options: { name?: string; x?: number; y?: number } = {}): JourneyDocument {
  const x = options.x ?? 300
  const at = (step: number, id: string, type: string, data: unknown) => node(id, type, step * x, data, options.y ?? 0)
  return {
    schemaVersion: 1,
    id: 'lapsed',
    name: options.name ?? 'Lapsed buyers',
    description: '',
    settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip', goal: { event: 'order_completed' } },
    nodes: [
      at(0, 'start', 'trigger', { on: 'event', event: 'visit' }),
      at(1, 'first', 'send_sms', { text: '好久不见,今天下单九折', category: 'recall' }),
      at(2, wait.id, 'wait', { mode: 'duration', duration: { amount: wait.amount, unit: wait.unit } }),
      at(3, 'second', 'send_sms', { text: '九折券明天到期', category: 'recall' }),
      at(4, 'end', 'exit', { reason: 'completed' }),
    ],
    edges: [edge('start', 'first'), edge('first', wait.id), edge(wait.id, 'second'), edge('second', 'end')],
  }
}
