import { describe, expect, it } from 'vitest'
import { describeChanges, JOURNEY_TEMPLATES, type JourneyDocument } from '../src/index'

const cart = JOURNEY_TEMPLATES.find((template) => template.id === 'abandoned-cart') as JourneyDocument

describe('a readable diff', () => {
  it('says "Wait 1 day → Wait 5 days", shows both texts, and a connection moved', () => {
    const edited = structuredClone(cart)
    const wait = edited.nodes.find((node) => node.id === 'wait-1-day') as { data: { duration: { amount: number } } }
    wait.data.duration.amount = 5
    const reminder = edited.nodes.find((node) => node.id === 'cart-reminder') as { data: { text: string } }
    const oldText = reminder.data.text
    reminder.data.text = '购物车还在等你'
    edited.edges = edited.edges.map((edge) => (edge.id === 'e-cart-coupon-out' ? { ...edge, target: 'purchased' } : edge))
    const changes = describeChanges(cart, edited)
    expect(changes.map((node) => [node.nodeId, node.kind, node.changes.map((change) => [change.what.en, change.before, change.after])])).toEqual([
      ['cart-reminder', 'changed', [['Message text changed', oldText, '购物车还在等你']]],
      ['wait-1-day', 'changed', [['Wait 1 day → Wait 5 days', undefined, undefined]]],
      ['cart-coupon', 'changed', [['Output "out": done → purchased', undefined, undefined]]],
    ])
    expect(changes[1]?.changes[0]?.what.zh).toBe('等待 1 天 → 等待 5 天')
  })
})

describe('a node replaced by another kind under the same id', () => {
  it('says what it did and what it does now, in both languages', () => {
    const edited = structuredClone(cart)
    const index = edited.nodes.findIndex((node) => node.id === 'wait-1-day')
    const wait = edited.nodes[index] as JourneyDocument['nodes'][number]
    edited.nodes[index] = { ...wait, type: 'exit', data: { reason: 'purchased' } } as JourneyDocument['nodes'][number]
    const [change] = describeChanges(cart, edited).filter((node) => node.nodeId === 'wait-1-day')
    expect(change?.kind).toBe('changed')
    expect(change?.changes[0]?.what).toEqual({ en: 'Node kind changed: Wait 1 day → Exit: purchased', zh: '节点类型已更改:等待 1 天 → 退出:已下单' })
  })
})
