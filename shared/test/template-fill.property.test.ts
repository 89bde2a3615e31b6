import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fillTemplate, type TemplateValues } from '../src/text/template'

/** The filling as it was written before templates were cut once: one regular-expression replace per fill. */
const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(?:\|([^{}]*))?\}\}/g
function referenceFill(template: string, values: TemplateValues) {
  const missing: string[] = []
  const text = template.replace(VARIABLE, (_whole, name: string, rawFallback: string | undefined) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined
    if (value !== undefined && value !== null && String(value) !== '') return String(value)
    if (rawFallback !== undefined) return rawFallback.trim()
    missing.push(name)
    return ''
  })
  return { text, missing }
}

const names = ['name', 'coupon.code', 'link', 'x', '_a1', 'constructor', 'toString', '__proto__']
// Pieces that make variables, broken braces, fallbacks, $-patterns and Chinese text likely.
const piece = fc.oneof(
  fc.constantFrom('{{', '}}', '{', '}', '|', ' ', '  ', '$&', "$'", '$1', '【', '回T退订', '券', '\n'),
  fc.constantFrom(...names).map((name) => `{{${name}}}`),
  fc.tuple(fc.constantFrom(...names), fc.string({ maxLength: 6 })).map(([name, fallback]) => `{{ ${name} | ${fallback} }}`),
  fc.string({ maxLength: 5 }),
)
const template = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''))
const value = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null), fc.constant(undefined), fc.constant(''), fc.constant('$&'))
const values = fc.dictionary(fc.constantFrom(...names.filter((name) => name !== '__proto__')), value).map((record) => Object.assign(Object.create(null), record) as TemplateValues)

describe('fillTemplate', () => {
  it('fills exactly as one replace over the pattern does, for any template and values, the first time and when cut already', () => {
    fc.assert(
      fc.property(template, values, (text, given) => {
        const expected = referenceFill(text, given)
        expect(fillTemplate(text, given)).toEqual(expected)
        expect(fillTemplate(text, given)).toEqual(expected)
      }),
      { numRuns: 2_000 },
    )
  })

  it('gives each fill its own list of missing names', () => {
    const first = fillTemplate('{{a}}{{b|x}}', {})
    first.missing.push('changed by a caller')
    expect(fillTemplate('{{a}}{{b|x}}', {})).toEqual({ text: 'x', missing: ['a'] })
  })
})
