import { inControlGroup } from '@recall/engine'
import { type GroupOutcome, type JourneyDocument, upliftReport } from '@recall/shared'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settings } from '../../src/db/schema/index'
import { sendPolicies } from '../../src/providers/send-rules'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase } from '../support/databases'

/** A journey entered on `trigger`: one text, then a three-day wait the frozen clock never ends, so an order converts it. */
function journey(id: string, name: string, trigger: string, goal = true): JourneyDocument {
  return {
    schemaVersion: 1,
    id,
    name,
    description: '',
    settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip', ...(goal ? { goal: { event: 'order_completed' } } : {}) },
    nodes: [
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'event', event: trigger } },
      { id: 'offer', type: 'send_sms', position: { x: 300, y: 0 }, data: { text: '好久不见,今天下单九折', category: 'recall' } },
      { id: 'wait', type: 'wait', position: { x: 600, y: 0 }, data: { mode: 'duration', duration: { amount: 3, unit: 'days' } } },
      { id: 'end', type: 'exit', position: { x: 900, y: 0 }, data: { reason: 'completed' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceHandle: 'out', target: 'offer' },
      { id: 'e2', source: 'offer', sourceHandle: 'out', target: 'wait' },
      { id: 'e3', source: 'wait', sourceHandle: 'out', target: 'end' },
    ],
  }
}

const SALT = '5eed0000000000000000000000c0ffee'
const ids = Array.from({ length: 20 }, (_, index) => `P-${index + 1}`)
/** Who orders, and the order's price (one without a price). */
const ORDERS: [string, Record<string, number>][] = [
  ['P-1', { revenue: 100 }],
  ['P-4', { revenue: 80 }],
  ['P-9', {}],
  ['P-13', { revenue: 60 }],
  ['P-16', { revenue: 45 }],
  ['P-19', { revenue: 30 }],
]

/** The outcome of the contacts of a group, each once, from who orders. */
function outcomeOf(contacts: string[]): GroupOutcome {
  const orders = ORDERS.filter(([id]) => contacts.includes(id))
  return { contacts: contacts.length, conversions: orders.length, revenue: orders.reduce((sum, [, properties]) => sum + (properties.revenue ?? 0), 0) }
}

/** Two goal journeys every contact enters, with the share changed halfway through the second: the program report per journey and per contact. */
describe.each(DATABASE_KINDS)('the program control-group report on %s', (kind) => {
  let app: FastifyInstance
  const now = Date.parse('2026-11-24T10:15:00+08:00')
  const DEFAULTS = { pricePerPart: 0.05, pricePerMms: 0.15, deliveryRateMin: 0.95, unsubscribeRateMax: 0.02 }
  const saveShare = (controlGroupPercent: number) => app.inject({ method: 'PUT', url: '/api/settings/workspace', payload: { ...DEFAULTS, controlGroupPercent } })
  const send = async (contacts: string[], name: string) => {
    await app.inject({ method: 'POST', url: '/api/events', payload: contacts.map((contactId) => ({ contactId, name })) })
    await app.runner.processDue()
  }

  beforeAll(async () => {
    app = await authorizedApp({ database: await testDatabase(kind), clock: () => now })
  }, 60_000)
  afterAll(async () => {
    await app?.close()
  })

  it('is empty and off before any journey, and refuses anonymous callers', async () => {
    const empty = await app.inject({ method: 'GET', url: '/api/program/control-group' })
    expect(empty.json()).toEqual({
      controlGroupPercent: 0,
      journeys: [],
      overall: upliftReport({ contacts: 0, conversions: 0, revenue: 0 }, { contacts: 0, conversions: 0, revenue: 0 }),
      mixedContacts: 0,
    })
    const anonymous = await app.inject({ method: 'GET', url: '/api/program/control-group', headers: { anonymous: 'true' } })
    expect(anonymous.statusCode).toBe(401)
  })

  it('reports each goal journey and the program per contact, counting one order once and leaving mixed contacts out', async () => {
    for (const document of [journey('win-back', 'Win-back', 'visit'), journey('browse', 'Browse abandon', 'browse'), journey('notice', 'No goal', 'visit', false)]) {
      await app.inject({ method: 'POST', url: '/api/journeys', payload: document })
      await app.inject({ method: 'POST', url: `/api/journeys/${document.id}/publish`, payload: {} })
    }
    await app.inject({ method: 'POST', url: '/api/journeys', payload: journey('draft', 'Draft only', 'visit') })
    await app.inject({ method: 'POST', url: '/api/contacts/import', payload: ids.map((id, index) => ({ id, phone: `139${String(10_000_000 + index)}`, consent: true })) })

    // A fixed salt, so the draw (and every figure below) is the same on each run.
    await app.database.db.insert(settings).values({ key: 'control_group_salt', value: SALT })
    await saveShare(50)
    const salt = (await sendPolicies(app.database.db)).controlGroup?.salt as string
    expect(salt).toBe(SALT)
    const heldAt = (percent: number) => ids.filter((id) => inControlGroup({ percent, salt }, id))
    const [half, fifth] = [heldAt(50), heldAt(20)]
    await send(ids, 'visit')
    await send(ids.slice(0, 10), 'browse')
    await saveShare(20)
    await send(ids.slice(10), 'browse')
    // One order converts both journeys of the contact.
    await app.inject({ method: 'POST', url: '/api/events', payload: ORDERS.map(([contactId, properties]) => ({ contactId, name: 'order_completed', properties })) })
    await app.runner.processDue()
    await app.inject({ method: 'POST', url: '/api/journeys/browse/pause', payload: {} })

    const browseHeld = [...half.filter((id) => ids.indexOf(id) < 10), ...fifth.filter((id) => ids.indexOf(id) >= 10)]
    const mixed = ids.filter((id) => half.includes(id) !== browseHeld.includes(id))
    const split = (held: string[], among = ids) => upliftReport(outcomeOf(among.filter((id) => !held.includes(id))), outcomeOf(among.filter((id) => held.includes(id))))

    // The draw this salt makes: P-14, P-19 and P-20 were held out of Win-back and treated in Browse abandon.
    expect([half, fifth, mixed]).toEqual([
      ['P-2', 'P-4', 'P-7', 'P-8', 'P-9', 'P-14', 'P-15', 'P-16', 'P-19', 'P-20'],
      ['P-4', 'P-15', 'P-16'],
      ['P-14', 'P-19', 'P-20'],
    ])
    const response = await app.inject({ method: 'GET', url: '/api/program/control-group' })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.journeys.map((row: { journeyId: string; name: string; status: string }) => [row.journeyId, row.name, row.status])).toEqual([
      ['browse', 'Browse abandon', 'paused'],
      ['win-back', 'Win-back', 'live'],
    ])
    const { journeyId: _a, name: _b, status: _c, ...browse } = body.journeys[0]
    const { journeyId: _d, name: _e, status: _f, ...winBack } = body.journeys[1]
    expect(winBack).toEqual(split(half))
    expect(browse).toEqual(split(browseHeld))
    expect(body.overall).toEqual(
      split(
        half,
        ids.filter((id) => !mixed.includes(id)),
      ),
    )
    const groups = (report: { treated: GroupOutcome; heldOut: GroupOutcome }) =>
      [report.treated, report.heldOut].map(({ contacts, conversions, revenue }) => [contacts, conversions, revenue])
    expect(groups(winBack)).toEqual([
      [10, 2, 160],
      [10, 4, 155],
    ])
    expect(groups(browse)).toEqual([
      [13, 3, 190],
      [7, 3, 125],
    ])
    // P-1's one order converted both journeys: ¥100 once, not twice.
    expect(groups(body.overall)).toEqual([
      [10, 2, 160],
      [7, 3, 125],
    ])
    expect([body.controlGroupPercent, body.mixedContacts]).toEqual([20, mixed.length])
  })
})
