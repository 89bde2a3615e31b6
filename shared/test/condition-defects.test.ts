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
