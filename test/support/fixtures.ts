import { contactsRepository, type DatabaseHandle, journeysRepository } from '@recall/server'
import type { JourneyDocument, JourneyNode, JourneySettings } from '@recall/shared'

type Step = Omit<JourneyNode, 'position'>

/** trigger → steps in order (each left by its `out` handle) → exit: the journeys of the load and crash tests. */
export function linearJourney(id: string, steps: Step[], options: { trigger?: JourneyNode['data']; settings?: Partial<JourneySettings> } = {}): JourneyDocument {
  const nodes = [{ id: 'start', type: 'trigger', data: options.trigger ?? { on: 'api' } }, ...steps, { id: 'end', type: 'exit', data: { reason: 'done' } }] as Step[]
  return {
    schemaVersion: 1,
    id,
    name: id,
    description: '',
    settings: { category: 'transactional', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip', ...options.settings },
    nodes: nodes.map((node, index) => ({ ...node, position: { x: index * 300, y: 0 } }) as JourneyNode),
    edges: nodes.slice(0, -1).map((node, index) => ({ id: `e${index}`, source: node.id, sourceHandle: 'out', target: (nodes[index + 1] as Step).id })),
  }
}

export const transactionalSms = (id: string, text: string): Step => ({ id, type: 'send_sms', data: { text, category: 'transactional' } })
export const waitMinutes = (id: string, amount: number): Step => ({ id, type: 'wait', data: { mode: 'duration', duration: { amount, unit: 'minutes' } } })

/** `count` consenting Shanghai contacts with ids `${prefix}-0…` and distinct mobile numbers. */
export function numberedContacts(prefix: string, count: number, mobilePrefix: string) {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${index}`,
    phone: `+86${mobilePrefix}${String(index).padStart(8, '0')}`,
    timeZone: 'Asia/Shanghai',
    attributes: {},
    consent: true,
    suppressed: false,
    sends: [],
    events: [],
  }))
}

/** Stores the journey, publishes it and imports the contacts. */
export async function setUpLiveJourneys(handle: DatabaseHandle, journeys: JourneyDocument[], contacts: ReturnType<typeof numberedContacts>): Promise<void> {
  for (const journey of journeys) {
    await journeysRepository(handle.db).create(journey)
    await journeysRepository(handle.db).publish(journey.id, '')
  }
  await contactsRepository(handle.db).upsert(contacts)
}
