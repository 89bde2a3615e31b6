import Value from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { NODE_KINDS, nodeKindOf } from '../src/index'

describe('node kind registry', () => {
  it('holds the eight kinds of the journey builder', () => {
    expect(NODE_KINDS).toEqual(['trigger', 'wait', 'segment_split', 'ab_split', 'send_sms', 'send_mms', 'reminder_before_expiry', 'exit'])
  })

  it.each(NODE_KINDS)('%s has defaults that pass its own schema, labels in both languages and a summary', (type) => {
    const kind = nodeKindOf(type)
    expect(kind.type).toBe(type)
    const data = kind.defaults()
    expect([...Value.Errors(kind.dataSchema, data)]).toEqual([])
    expect(kind.label.zh).toMatch(/[\u4e00-\u9fff]/)
    expect(kind.description.en).toMatch(/[a-z]/)
    expect(kind.summary(data, 'zh-CN')).toMatch(/\S/)
    expect(kind.summary(data, 'en')).toMatch(/\S/)
  })

  it.each([
    ['trigger', { on: 'event', event: 'app_open' }, 'Event: app_open', '事件:app_open', ['out']],
    ['wait', { mode: 'duration', duration: { amount: 3, unit: 'days' } }, 'Wait 3 days', '等待 3 天', ['out']],
    [
      'wait',
      { mode: 'for_event', event: 'order_placed', timeout: { amount: 2, unit: 'days' } },
      'Wait for order_placed · up to 2 days',
      '等待 order_placed · 最多 2 天',
      ['event', 'timeout'],
    ],
    [
      'wait',
      { mode: 'until_date_attribute', attribute: 'renew_at', offsetDays: -3, time: '10:00', minimum: { amount: 1, unit: 'days' } },
      'Until renew_at -3 days at 10:00 · at least 1 day',
      '等到 renew_at -3 天 10:00 · 至少 1 天',
      ['out'],
    ],
    [
      'ab_split',
      {
        variants: [
          { id: 'A', label: 'A', weight: 50 },
          { id: 'B', label: 'B', weight: 50 },
        ],
      },
      'A 50% / B 50%',
      'A 50% / B 50%',
      ['A', 'B'],
    ],
    ['send_sms', { text: '好'.repeat(80), category: 'recall' }, 'Recall SMS · 2 parts', '召回短信 · 2 条', ['out']],
    [
      'reminder_before_expiry',
      { expiry: { source: 'coupon' }, before: { amount: 24, unit: 'hours' }, text: 'x', category: 'recall' },
      '24 hours before coupon expiry',
      '优惠券到期前 24 小时提醒',
      ['sent', 'skipped'],
    ],
    ['exit', { reason: 'converted' }, 'Exit: converted', '退出:已转化', []],
    ['exit', { reason: '春节活动结束' }, 'Exit: 春节活动结束', '退出:春节活动结束', []],
  ] as const)('summarises %s as "%s" with its outputs', (type, data, english, chinese, handles) => {
    const kind = nodeKindOf(type)
    expect(kind.summary(data, 'en')).toBe(english)
    expect(kind.summary(data, 'zh-CN')).toBe(chinese)
    expect(kind.handles(data).map((handle) => handle.id)).toEqual(handles)
  })

  it('gives a segment split one output per branch plus else', () => {
    const kind = nodeKindOf('segment_split')
    const data = { branches: [{ id: 'vip', label: 'VIP', condition: { match: 'all', conditions: [] } }] }
    expect(kind.handles(data).map((handle) => handle.id)).toEqual(['vip', 'else'])
    expect(kind.summary(data, 'en')).toBe('1 branch + else')
  })
})
