import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bilingualPart, JOURNEY_TEMPLATES, nodeKindOf, validateJourney } from '../src/index'

describe('journey templates', () => {
  it('ships every template file in the gallery', () => {
    const files = readdirSync(new URL('../templates/', import.meta.url)).filter((file) => file.endsWith('.json'))
    expect(JOURNEY_TEMPLATES.map((template) => `${template.id}.json`).sort()).toEqual(files.sort())
    expect(JOURNEY_TEMPLATES.map((template) => template.id)).toEqual([
      'new-user-activation',
      'wake-up-45-days',
      'win-back-90-days',
      'coupon-expiry-reminder',
      'abandoned-cart',
      'birthday',
      'ab-offer-test',
    ])
  })

  it.each(JOURNEY_TEMPLATES.map((template) => [template.id, template] as const))('%s passes validation with no problem at all', (_id, template) => {
    expect(validateJourney(template).problems).toEqual([])
  })

  it.each(JOURNEY_TEMPLATES.map((template) => [template.id, template] as const))('%s has an English and Chinese name and Chinese messages', (_id, template) => {
    expect(template.name).toMatch(/^[A-Za-z0-9/ -]+ · [\u4e00-\u9fffA-Za-z0-9/]+$/)
    expect(template.description).toMatch(/^[A-Z]/)
    const texts = template.nodes.flatMap((node) => ('text' in node.data ? [node.data.text] : 'fallbackText' in node.data ? [node.data.fallbackText] : []))
    expect(texts.length).toBeGreaterThan(0)
    for (const text of texts) expect(text).toMatch(/[\u4e00-\u9fff]/)
  })

  it('keeps the A/B offer test at 满100减20 vs 满150减40 with a control group', () => {
    const abTest = JOURNEY_TEMPLATES.find((template) => template.id === 'ab-offer-test')
    const split = abTest?.nodes.find((node) => node.type === 'ab_split')
    expect(split?.type === 'ab_split' && split.data.variants.map((variant) => [variant.label, variant.weight, variant.holdout ?? false])).toEqual([
      ['¥20 off ¥100 · 满100减20', 45, false],
      ['¥40 off ¥150 · 满150减40', 45, false],
      ['Control · 对照组', 10, true],
    ])
  })

  it('gives the 90-day win-back a second touch 3–5 days later with a different benefit', () => {
    const winBack = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
    const wait = winBack?.nodes.find((node) => node.id === 'wait-4-days')
    expect(wait?.type === 'wait' && wait.data.mode === 'duration' && wait.data.duration).toEqual({ amount: 4, unit: 'days' })
    const offers = winBack?.nodes.flatMap((node) => (node.type === 'send_sms' && node.data.offer ? [node.data.offer.label] : []))
    expect(offers).toEqual(['满100减30券', '20元无门槛券', '全场8折券'])
  })

  it('summarises every node of every template in both languages', () => {
    for (const template of JOURNEY_TEMPLATES) {
      for (const node of template.nodes) {
        const kind = nodeKindOf(node.type)
        expect(kind.summary(node.data, 'en')).toMatch(/\S/)
        expect(kind.summary(node.data, 'zh-CN')).toMatch(/\S/)
      }
    }
  })
})

describe('bilingual template texts', () => {
  it('gives every template a name and description in both languages', () => {
    for (const template of JOURNEY_TEMPLATES) {
      for (const text of [template.name, template.description]) {
        expect(bilingualPart(text, 'en')).toMatch(/^[A-Z0-9]/)
        expect(bilingualPart(text, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/)
      }
    }
    expect(bilingualPart('Birthday · 生日关怀', 'zh-CN')).toBe('生日关怀')
    expect(bilingualPart('Only English', 'zh-CN')).toBe('Only English')
  })
})
