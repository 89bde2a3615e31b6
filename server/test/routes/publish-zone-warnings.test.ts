import type { JourneyDocument } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { audienceZones } from '../../src/repositories/audience-zones'
import { authorizedApp } from '../support/app'
import { DATABASE_KINDS, testDatabase, useOpenForBlock } from '../support/databases'

// Summer: Canada's zones run from St. John's (UTC−2:30) to Vancouver and Whitehorse (UTC−7), London is on UTC+1.
const NOW = Date.parse('2026-07-01T00:00:00Z')

// Wait until 20:30, then a marketing SMS: inside 08:00–21:00 in the workspace's zone (Asia/Shanghai), not everywhere its contacts are.
const evening: JourneyDocument = {
  schemaVersion: 1,
  id: 'evening-offer',
  name: 'Evening offer',
  description: '',
  settings: { category: 'marketing', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'api' } },
    { id: 'evening', type: 'wait', position: { x: 300, y: 0 }, data: { mode: 'until_time', time: '20:30' } },
    { id: 'offer', type: 'send_sms', position: { x: 600, y: 0 }, data: { text: '{{name|亲}},新品上架', category: 'marketing' } },
    { id: 'end', type: 'exit', position: { x: 900, y: 0 }, data: { reason: 'completed' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'evening' },
    { id: 'e2', source: 'evening', sourceHandle: 'out', target: 'offer' },
    { id: 'e3', source: 'offer', sourceHandle: 'out', target: 'end' },
  ],
}

// Two Toronto numbers without a zone (judged in every zone of Canada), a +86 number stored in London, a Shanghai contact and a +86
// number without a zone (both judged in Asia/Shanghai alone), and contacts no marketing reaches: one without consent, one whose
// number opted out, one who took an opt-out with them to a new number (the second import), and two without a phone.
const CONTACTS = [
  { id: 'ca-1', phone: '+14165550101', consent: true },
  { id: 'ca-2', phone: '+14165550102', consent: true },
  { id: 'cn-london', phone: '+8613800138000', timeZone: 'Europe/London', consent: true },
  { id: 'cn-1', phone: '+8613800138001', timeZone: 'Asia/Shanghai', consent: true },
  { id: 'cn-2', phone: '+8613800138002', consent: true },
  { id: 'ca-no-consent', phone: '+14165550103', consent: false },
  { id: 'ca-opted-out', phone: '+14165550104', consent: true, suppressed: true },
  { id: 'ca-moved', phone: '+14165550105', consent: true, suppressed: true },
  { id: 'no-phone', consent: true },
  { id: 'no-phone-london', timeZone: 'Europe/London', consent: true },
]
const MOVED = [{ id: 'ca-moved', phone: '+14165550106', consent: true }]

const HELD = {
  code: 'zones.fixed_time_held',
  path: '/nodes/2',
  nodeId: 'offer',
  severity: 'warning',
  message: {
    en: 'Held for 3 contacts: sent at 20:30 local time (after "Until 20:30"), this message is outside the allowed sending hours in some of their zones. 2 contacts in every time zone of Canada (America/St_Johns … America/Vancouver) until 08:00 America/Whitehorse; 1 contact in Europe/London (the contact\'s own zone) and Asia/Shanghai (China\'s legal time) until 08:00 Europe/London',
    zh: '3 位联系人将被暂缓:该消息在当地时间 20:30 发送(在"等到 20:30"之后),不在他们部分时区的允许发送时段内。2 位联系人位于加拿大所有时区(America/St_Johns … America/Vancouver),暂缓至 08:00(America/Whitehorse);1 位联系人位于联系人时区(Europe/London)和中国法定时间(Asia/Shanghai),暂缓至 08:00(Europe/London)',
  },
}

describe.each(DATABASE_KINDS)('publish checks judge the zones of the workspace contacts on %s', (kind) => {
  const app = useOpenForBlock(
    async () => authorizedApp({ database: await testDatabase(kind), clock: () => NOW }),
    async (app) => {
      expect((await app.inject({ method: 'POST', url: '/api/contacts/import', payload: CONTACTS })).statusCode).toBe(200)
      expect((await app.inject({ method: 'POST', url: '/api/contacts/import', payload: MOVED })).statusCode).toBe(200)
      expect((await app.inject({ method: 'GET', url: '/api/contacts/ca-moved' })).json().contact).toMatchObject({ phone: '+14165550106', suppressed: true })
      expect((await app.inject({ method: 'POST', url: '/api/journeys', payload: evening })).statusCode).toBe(201)
    },
    'the test app',
  )

  it('counts only the contacts a marketing text can reach (consent, a phone, no opt-out), in one group per way of judging them', async () => {
    const groups = await audienceZones(app().database.db, 'Asia/Shanghai', NOW)
    const span = (zones: readonly string[]) => (zones.length > 1 ? `${zones[0]} … ${zones.at(-1)}` : zones[0])
    const counted = groups.map((group) => [group.judged.source, span(group.judged.zones), group.contacts]).sort((a, b) => `${a[1]} ${a[0]}`.localeCompare(`${b[1]} ${b[0]}`))
    expect(counted).toEqual([
      ['phone', 'America/St_Johns … America/Vancouver', 2],
      ['contact', 'Asia/Shanghai', 1],
      ['phone', 'Asia/Shanghai', 1],
      ['contact', 'Europe/London … Asia/Shanghai', 1],
    ])
  })

  it('validating the draft warns, in English and Chinese, that a send at 20:30 is held for the Canadian numbers and the +86 number stored in London', async () => {
    const validated = await app().inject({ method: 'POST', url: '/api/journeys/evening-offer/validate' })
    expect(validated.json().problems).toEqual([HELD])
  })

  it('publishing answers the same warning and still publishes', async () => {
    const published = await app().inject({ method: 'POST', url: '/api/journeys/evening-offer/publish', payload: { note: 'evening' } })
    expect(published.statusCode).toBe(200)
    expect(published.json()).toMatchObject({ version: 1, problems: [HELD] })
  })
})
