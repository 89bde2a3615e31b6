import { describe, expect, it } from 'vitest'
import { hasErrors, type JourneyDocument, validateJourney } from '../src/index'
import { minimalJourney, nodeById } from './fixtures'

interface RuleCase {
  code: string
  path: string
  break: (document: JourneyDocument) => void
  /** A journey that keeps the feature but follows the rule. */
  fix: (document: JourneyDocument) => void
}

const sms = (document: JourneyDocument) => nodeById(document, 'sms', 'send_sms').data

/** sms → A/B split whose A branch goes back to `target` and B branch to the exit. */
function loopBackThroughSplit(d: JourneyDocument, target: string): void {
  d.edges[2] = { id: 'e3', source: 'sms', sourceHandle: 'out', target: 'split' }
  const variants = [
    { id: 'A', label: 'A', weight: 50 },
    { id: 'B', label: 'B', weight: 50 },
  ]
  d.nodes.push({ id: 'split', type: 'ab_split', position: { x: 0, y: 0 }, data: { variants } })
  d.edges.push({ id: 'e4', source: 'split', sourceHandle: 'A', target }, { id: 'e5', source: 'split', sourceHandle: 'B', target: 'end' })
}

/** A segment split: last order over 45 days ago and (city in `cities`). */
function addLapsedSplit(d: JourneyDocument, cities: string[]): void {
  const condition = {
    match: 'all' as const,
    conditions: [
      { kind: 'date' as const, attribute: 'last_order_at', operator: 'more_than_days_ago' as const, days: 45 },
      { match: 'any' as const, conditions: [{ kind: 'attribute' as const, attribute: 'city', operator: 'in' as const, value: cities }] },
    ],
  }
  d.nodes.push({ id: 'seg', type: 'segment_split', position: { x: 0, y: 0 }, data: { branches: [{ id: 'lapsed', label: 'Lapsed', condition }] } })
}

const withText = (text: string) => (d: JourneyDocument) => {
  sms(d).text = text
}

/** An MMS with one image of `sizeBytes` and a 500 KB limit. */
const addMmsWithImage = (sizeBytes: number) => (d: JourneyDocument) => {
  d.nodes.push({
    id: 'mms',
    type: 'send_mms',
    position: { x: 0, y: 0 },
    data: {
      title: '新品',
      slides: [{ media: { kind: 'image', url: 'a.jpg', sizeBytes }, text: '新品上市' }],
      maxTotalBytes: 512_000,
      fallbackText: '新品上市',
      category: 'marketing',
    },
  })
}

const rules: RuleCase[] = [
  {
    code: 'journey.no_trigger',
    path: '/nodes',
    break: (d) => {
      d.nodes = d.nodes.filter((node) => node.type !== 'trigger')
      d.edges = d.edges.filter((edge) => edge.source !== 'start')
    },
    fix: (d) => d.nodes.push({ id: 'api-entry', type: 'trigger', position: { x: 0, y: 200 }, data: { on: 'api' } }),
  },
  {
    code: 'trigger.incoming_edge',
    path: '/edges/3/target',
    break: (d) => d.edges.push({ id: 'e4', source: 'pause', sourceHandle: 'out', target: 'start' }),
    fix: () => {},
  },
  {
    code: 'edge.unknown_target',
    path: '/edges/2/target',
    break: (d) => {
      d.edges[2] = { id: 'e3', source: 'sms', sourceHandle: 'out', target: 'nowhere' }
    },
    fix: () => {},
  },
  {
    code: 'edge.unknown_handle',
    path: '/edges/0/sourceHandle',
    break: (d) => {
      d.edges[0] = { id: 'e1', source: 'start', sourceHandle: 'yes', target: 'pause' }
    },
    fix: () => {},
  },
  {
    code: 'edge.handle_reused',
    path: '/edges/3',
    break: (d) => d.edges.push({ id: 'e4', source: 'start', sourceHandle: 'out', target: 'end' }),
    fix: () => {},
  },
  {
    code: 'node.unreachable',
    path: '/nodes/4',
    break: (d) => d.nodes.push({ id: 'orphan', type: 'exit', position: { x: 0, y: 400 }, data: { reason: 'orphan' } }),
    fix: (d) => {
      d.nodes.push({ id: 'side', type: 'wait', position: { x: 0, y: 400 }, data: { mode: 'until_time', time: '10:00' } })
      d.edges[2] = { id: 'e3', source: 'sms', sourceHandle: 'out', target: 'side' }
      d.edges.push({ id: 'e4', source: 'side', sourceHandle: 'out', target: 'end' })
    },
  },
  {
    code: 'journey.loop_without_wait',
    path: '/nodes/2',
    break: (d) => loopBackThroughSplit(d, 'sms'),
    // The same loop through the wait node is a legitimate "repeat every day" pattern.
    fix: (d) => loopBackThroughSplit(d, 'pause'),
  },
  {
    code: 'ab.weights_sum',
    path: '/nodes/4/data/variants',
    break: (d) =>
      d.nodes.push({
        id: 'ab',
        type: 'ab_split',
        position: { x: 0, y: 0 },
        data: {
          variants: [
            { id: 'A', label: 'A', weight: 60 },
            { id: 'B', label: 'B', weight: 50 },
          ],
        },
      }),
    fix: (d) =>
      d.nodes.push({
        id: 'ab',
        type: 'ab_split',
        position: { x: 0, y: 0 },
        data: {
          variants: [
            { id: 'A', label: 'A', weight: 60 },
            { id: 'B', label: 'B', weight: 30 },
            { id: 'C', label: 'hold', weight: 10, holdout: true },
          ],
        },
      }),
  },
  {
    code: 'segment.empty_condition',
    path: '/nodes/4/data/branches/0/condition',
    break: (d) =>
      d.nodes.push({ id: 'seg', type: 'segment_split', position: { x: 0, y: 0 }, data: { branches: [{ id: 'vip', label: 'VIP', condition: { match: 'all', conditions: [] } }] } }),
    fix: (d) =>
      d.nodes.push({
        id: 'seg',
        type: 'segment_split',
        position: { x: 0, y: 0 },
        data: { branches: [{ id: 'vip', label: 'VIP', condition: { match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'gold' }] } }] },
      }),
  },
  {
    code: 'segment.malformed_condition',
    path: '/nodes/4/data/branches/0/condition/conditions/1/conditions/0',
    break: (d) => addLapsedSplit(d, []),
    fix: (d) => addLapsedSplit(d, ['上海', '杭州']),
  },
  {
    code: 'template.unknown_variable',
    path: '/nodes/2/data/text',
    break: withText('{{nickname|亲}},好久不见'),
    fix: (d) => {
      d.settings.attributes = [{ name: 'nickname', type: 'string', required: false }]
    },
  },
  {
    code: 'template.missing_fallback',
    path: '/nodes/2/data/text',
    break: withText('{{name}},好久不见'),
    fix: withText('{{name|亲}},好久不见'),
  },
  {
    code: 'template.malformed',
    path: '/nodes/2/data/text',
    break: withText('{{name|亲},好久不见'),
    fix: () => {},
  },
  {
    code: 'template.coupon_not_issued',
    path: '/nodes/2/data/text',
    break: withText('券码 {{coupon.code}}'),
    fix: (d) => {
      sms(d).text = '券码 {{coupon.code}}'
      sms(d).offer = { kind: 'amount_off', value: 10, label: '10元券', validHours: 72 }
    },
  },
  {
    code: 'template.link_without_url',
    path: '/nodes/2/data/text',
    break: withText('点击 {{link}}'),
    fix: (d) => {
      sms(d).linkUrl = 'https://shop.example.com'
    },
  },
  {
    code: 'message.too_many_parts',
    path: '/nodes/2/data/text',
    break: withText('好'.repeat(671)),
    fix: withText('好'.repeat(600)),
  },
  {
    code: 'mms.too_large',
    path: '/nodes/4/data/slides',
    break: addMmsWithImage(520_000),
    fix: addMmsWithImage(500_000),
  },
  {
    code: 'window.outside_legal',
    path: '/nodes/2/data/sendWindow',
    break: (d) => {
      sms(d).sendWindow = [{ days: [1, 2, 3, 4, 5], start: '21:00', end: '23:00' }]
    },
    fix: (d) => {
      sms(d).sendWindow = [{ days: [1, 2, 3, 4, 5], start: '20:00', end: '22:00' }]
    },
  },
  {
    code: 'window.slot_empty',
    path: '/settings/sendWindow/0',
    break: (d) => {
      d.settings.sendWindow = [{ days: [6, 7], start: '20:00', end: '20:00' }]
    },
    // Overnight, as allowed sending hours are in Settings: 20:00 to 09:00 the next morning.
    fix: (d) => {
      d.settings.sendWindow = [{ days: [6, 7], start: '20:00', end: '09:00' }]
    },
  },
  {
    code: 'reminder.coupon_not_issued',
    path: '/nodes/4/data/expiry',
    break: (d) => {
      d.nodes.push({
        id: 'remind',
        type: 'reminder_before_expiry',
        position: { x: 0, y: 0 },
        data: { expiry: { source: 'coupon' }, before: { amount: 1, unit: 'days' }, text: '{{coupon.label}}明天到期', category: 'recall' },
      })
      d.edges[2] = { id: 'e3', source: 'sms', sourceHandle: 'out', target: 'remind' }
    },
    fix: (d) => {
      d.nodes.push({
        id: 'remind',
        type: 'reminder_before_expiry',
        position: { x: 0, y: 0 },
        data: { expiry: { source: 'coupon', sendNodeId: 'sms' }, before: { amount: 1, unit: 'days' }, text: '{{coupon.label}}明天到期', category: 'recall' },
      })
      d.edges[2] = { id: 'e3', source: 'sms', sourceHandle: 'out', target: 'remind' }
      sms(d).offer = { kind: 'percent_off', value: 20, label: '8折券', validHours: 48 }
    },
  },
  { code: 'node.duplicate_id', path: '/nodes/4/id', break: (d) => d.nodes.push({ ...nodeById(d, 'end', 'exit') }), fix: () => {} },
  {
    code: 'settings.reentry_days',
    path: '/settings/entry/reentryDays',
    break: (d) => {
      d.settings.entry = { reentry: 'after_days' }
    },
    fix: (d) => {
      d.settings.entry = { reentry: 'after_days', reentryDays: 30 }
    },
  },
]

describe('validateJourney', () => {
  it('accepts the minimal journey without any problem', () => {
    expect(validateJourney(minimalJourney()).problems).toEqual([])
  })

  describe.each(rules)('rule $code', (rule) => {
    it(`reports ${rule.code} at ${rule.path} with English and Chinese text`, () => {
      const document = minimalJourney()
      rule.break(document)
      const found = validateJourney(document).problems.filter((problem) => problem.code === rule.code)
      expect(found.map((problem) => problem.path)).toContain(rule.path)
      for (const problem of found) {
        expect(problem.message.en).toMatch(/[a-z]/)
        expect(problem.message.zh).toMatch(/[\u4e00-\u9fff]/)
      }
    })

    it('passes when the rule is followed', () => {
      const document = minimalJourney()
      rule.fix(document)
      expect(validateJourney(document).problems.filter((problem) => problem.code === rule.code)).toEqual([])
    })
  })

  it('names the node on node problems', () => {
    const document = minimalJourney()
    sms(document).text = '{{nickname}}'
    expect(validateJourney(document).problems).toContainEqual(expect.objectContaining({ code: 'template.unknown_variable', nodeId: 'sms', severity: 'error' }))
  })

  it('warns, without failing, about a message of 2+ parts and an open output', () => {
    const document = minimalJourney()
    sms(document).text = '好'.repeat(80)
    document.edges.pop()
    const problems = validateJourney(document).problems
    expect(problems.map((problem) => [problem.code, problem.severity])).toEqual([
      ['node.open_output', 'warning'],
      ['node.unreachable', 'warning'],
      ['message.multipart', 'warning'],
    ])
    expect(hasErrors(problems)).toBe(false)
  })

  it('returns malformed JSON as a problem instead of throwing', () => {
    const result = validateJourney('{"nodes": [')
    expect(result.document).toBeUndefined()
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({ code: 'json.malformed', severity: 'error', path: '' })
  })

  it.each([null, 42, [], 'null'])('returns a problem for a document that is not an object (%j)', (input) => {
    expect(validateJourney(input).problems[0]).toMatchObject({ code: 'schema.type', path: '' })
  })

  it('gives the JSON path of wrong types and missing fields', () => {
    const document = minimalJourney() as unknown as { nodes: { data: Record<string, unknown> }[]; settings: Record<string, unknown> }
    ;(document.nodes[1] as { data: unknown }).data = { mode: 'duration', duration: { amount: '3', unit: 'fortnights' } }
    const problems = validateJourney(document).problems
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['schema.type', '/nodes/1/data/duration/amount'],
      ['schema.enum', '/nodes/1/data/duration/unit'],
    ])
    expect(problems[1]?.message.en).toBe('Wait unit must be one of "minutes", "hours", "days", "weeks"')
    expect(problems.map((problem) => problem.message.zh)).toEqual(['等待时长必须是整数', '等待时长单位必须是以下之一:"minutes", "hours", "days", "weeks"'])
    expect(problems[1]?.nodeId).toBe('pause')
  })

  it('reports an unknown discriminator once, listing the allowed values', () => {
    const document = minimalJourney()
    ;(document.nodes[0] as { data: unknown }).data = { on: 'webhook' }
    expect(validateJourney(document).problems.filter((problem) => problem.path.startsWith('/nodes/0'))).toEqual([
      expect.objectContaining({
        code: 'schema.enum',
        path: '/nodes/0/data/on',
        message: expect.objectContaining({ en: 'Trigger must be one of "event", "segment_entered", "date_attribute", "api"' }),
      }),
    ])
  })

  it('reports a missing top-level field and an unknown node type by path', () => {
    const { name: _name, ...withoutName } = minimalJourney()
    expect(validateJourney(withoutName).problems.map((problem) => problem.path)).toEqual(['/name'])
    const document = minimalJourney()
    ;(document.nodes[2] as { type: string }).type = 'send_email'
    expect(validateJourney(document).problems.map((problem) => [problem.code, problem.path])).toEqual([['schema.enum', '/nodes/2/type']])
  })
})
