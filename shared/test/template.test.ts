import { describe, expect, it } from 'vitest'
import { fillTemplate, parseTemplate, renderMessage } from '../src/index'

describe('fillTemplate', () => {
  it('fills variables and uses fallbacks for missing values', () => {
    expect(fillTemplate('{{name|亲}},您有{{ points | 一些 }}积分', { name: '张女士' })).toEqual({ text: '张女士,您有一些积分', missing: [] })
  })

  it('reports variables with neither value nor fallback and renders them empty', () => {
    expect(fillTemplate('Hi {{name}}, code {{coupon.code}}', { name: '' })).toEqual({ text: 'Hi , code ', missing: ['name', 'coupon.code'] })
  })

  it('reads only the values given: names an object inherits fall back like any missing name', () => {
    expect(fillTemplate('Hi {{constructor|friend}} {{toString|x}} {{__proto__|y}} {{hasOwnProperty}}', {})).toEqual({
      text: 'Hi friend x y ',
      missing: ['hasOwnProperty'],
    })
    // As JSON.parse makes it: an own property named "__proto__".
    const values: Record<string, string> = JSON.parse('{"__proto__":"own"}')
    expect(fillTemplate('{{__proto__|y}}', values).text).toBe('own')
  })

  it('treats an empty fallback as a deliberate empty value', () => {
    expect(fillTemplate('Hi{{name|}}!', {})).toEqual({ text: 'Hi!', missing: [] })
  })
})

describe('parseTemplate', () => {
  it('lists variables with their fallbacks and offsets', () => {
    expect(parseTemplate('{{name|亲}} {{coupon.code}}').variables).toEqual([
      { name: 'name', fallback: '亲', index: 0 },
      { name: 'coupon.code', fallback: undefined, index: 11 },
    ])
  })

  it('finds unmatched braces', () => {
    expect(parseTemplate('{{name|亲}} {{oops').malformedAt).toEqual([11])
    expect(parseTemplate('{{ 1bad }}').malformedAt).toEqual([0, 8])
  })
})

describe('renderMessage', () => {
  it('adds the 【brand】 signature and the Chinese opt-out line to a recall message', () => {
    const rendered = renderMessage({ template: '{{name|亲}},送您一张7折券 {{link}}', values: { link: 'https://rcl.to/a1' }, category: 'recall', brand: '乐享书店' })
    expect(rendered.text).toBe('【乐享书店】亲,送您一张7折券 https://rcl.to/a1 回T退订')
    expect(rendered.parts).toMatchObject({ encoding: 'UCS-2', parts: 1 })
  })

  it('appends "Reply STOP to opt out" to an English marketing message', () => {
    expect(renderMessage({ template: 'Hi {{name|there}}, 20% off today', values: {}, category: 'marketing' }).text).toBe('Hi there, 20% off today Reply STOP to opt out')
  })

  it('keeps an opt-out line and signature that are already there', () => {
    const text = '【XX书店】好久不见!送您一张全场通用7折券 回TD退订'
    expect(renderMessage({ template: text, values: {}, category: 'recall', brand: 'XX书店' }).text).toBe(text)
  })

  it('adds no opt-out line to a transactional message', () => {
    expect(renderMessage({ template: '您的订单已发货', values: {}, category: 'transactional', brand: '乐享' }).text).toBe('【乐享】您的订单已发货')
  })

  it('counts parts on the final text, signature and opt-out line included', () => {
    const rendered = renderMessage({ template: '好'.repeat(60), values: {}, category: 'recall', brand: '品牌' })
    // 4 + 60 + 1 + 4 = 69 characters: still one part.
    expect(rendered.parts).toMatchObject({ units: 69, parts: 1 })
    expect(renderMessage({ template: '好'.repeat(62), values: {}, category: 'recall', brand: '品牌' }).parts).toMatchObject({ units: 71, parts: 2 })
  })
})
