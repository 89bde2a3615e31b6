import { describe, expect, it } from 'vitest'
import { leafConditionDefect } from '../src/schema/condition-defects'

describe('problems of an attribute condition', () => {
  it('name the operator as the dropdown shows it, in both languages', () => {
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'tier', operator: 'eq', value: ['gold', 'silver'] })).toEqual({
      en: '"=" compares with one value, not a list',
      zh: '"等于" 只能与单个值比较,不能是列表',
    })
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'tier', operator: 'gt' })).toEqual({ en: '">" needs a value', zh: '"大于" 需要填写比较值' })
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'tier', operator: 'in', value: 'gold' })).toEqual({
      en: '"is one of" needs a non-empty list of values',
      zh: '"属于" 需要非空的取值列表',
    })
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'vip', operator: 'lte', value: true })).toEqual({
      en: '"≤" cannot compare with true/false',
      zh: '"小于等于" 不能与布尔值比较',
    })
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'gold' })).toBeUndefined()
  })
})

describe('an ordering operator on a text value', () => {
  it('refuses text that is neither a number nor a date, naming the operator as the dropdown shows it', () => {
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'tier', operator: 'gt', value: 'abc' })).toEqual({
      en: '">" compares numbers or dates; "abc" is neither',
      zh: '"大于" 只能比较数字或日期,"abc" 两者都不是',
    })
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'tier', operator: 'lt', value: 'z' })).toEqual({
      en: '"<" compares numbers or dates; "z" is neither',
      zh: '"小于" 只能比较数字或日期,"z" 两者都不是',
    })
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'tier', operator: 'gte', value: 'VIP Gold' })?.en).toBe('"≥" compares numbers or dates; "VIP Gold" is neither')
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'tier', operator: 'lte', value: 'gold' })?.zh).toBe('"小于等于" 只能比较数字或日期,"gold" 两者都不是')
  })

  it('accepts dates and numbers, and leaves "=" on text alone', () => {
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'last_order_at', operator: 'lt', value: '2026-03-08' })).toBeUndefined()
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'last_order_at', operator: 'gte', value: '2026-03-09T09:30' })).toBeUndefined()
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'points', operator: 'gt', value: 500 })).toBeUndefined()
    expect(leafConditionDefect({ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'abc' })).toBeUndefined()
  })
})
