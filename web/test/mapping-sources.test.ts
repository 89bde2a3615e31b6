import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { guessMapping, type MappingSource, readMapping, sourceFromKey, sourceKey, writeMapping } from '../src/inspector/template-mapping/mapping-sources'

const attributeName = fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/)
const source: fc.Arbitrary<MappingSource> = fc.oneof(
  fc.constant({ kind: 'unmapped' } as const),
  fc.record({ kind: fc.constant('attribute' as const), name: attributeName.filter((name) => name !== 'link'), fallback: fc.stringMatching(/^[^{}|\s]{0,6}$/) }),
  fc.record({ kind: fc.constant('engine' as const), name: fc.constantFrom('coupon.code', 'coupon.value', 'coupon.label', 'coupon.expires', 'link') }),
  fc.record({ kind: fc.constant('text' as const), text: fc.stringMatching(/^[^{}\s][^{}]{0,10}$/) }),
)

describe('template variable sources', () => {
  it('read back every source they are written as (property)', () => {
    fc.assert(
      fc.property(source, (given) => {
        expect(readMapping(writeMapping(given))).toEqual(given)
      }),
    )
  })

  it('write attributes with their fallback, engine fields and fixed text as the engine reads them', () => {
    expect(writeMapping({ kind: 'attribute', name: 'name', fallback: '亲' })).toBe('{{name|亲}}')
    expect(writeMapping({ kind: 'attribute', name: 'city', fallback: '' })).toBe('{{city}}')
    expect(writeMapping({ kind: 'engine', name: 'coupon.code' })).toBe('{{coupon.code}}')
    expect(readMapping('满100减30')).toEqual({ kind: 'text', text: '满100减30' })
    expect(readMapping(' ')).toEqual({ kind: 'unmapped' })
  })

  it('keep the fallback when only the attribute changes, and offer 亲 for a name', () => {
    const city: MappingSource = { kind: 'attribute', name: 'city', fallback: '本地' }
    expect(sourceFromKey('attribute:surname', city)).toEqual({ kind: 'attribute', name: 'surname', fallback: '本地' })
    expect(sourceFromKey('attribute:name', { kind: 'unmapped' })).toEqual({ kind: 'attribute', name: 'name', fallback: '亲' })
    expect(sourceFromKey(sourceKey({ kind: 'engine', name: 'coupon.label' }), city)).toEqual({ kind: 'engine', name: 'coupon.label' })
    expect(sourceFromKey('text', { kind: 'text', text: '30元' })).toEqual({ kind: 'text', text: '30元' })
  })

  it('guess a first mapping from the variable name', () => {
    expect(['name', 'link', 'code', 'order'].map((variable) => guessMapping(variable, ['name', 'city']))).toEqual(['{{name|亲}}', '{{link}}', '{{coupon.code}}', ''])
  })
})
