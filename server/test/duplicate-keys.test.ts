import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { duplicateKeyPath } from '../src/plugins/duplicate-keys'

/** The scan that finds a key JSON.parse would have kept only once; it reads text JSON.parse accepted. */
describe('a key given twice in one JSON object', () => {
  it('is found with its path, however the text hides it', () => {
    const cases: [string, (string | number)[] | undefined][] = [
      ['{"name":"a","name":"b"}', ['name']],
      ['[{"id":"A"},{"id":"B","consent":false,"consent":true}]', [1, 'consent']],
      ['{"a":{"b":[1,{"c":1,"d":{},"c":2}]}}', ['a', 'b', 1, 'c']],
      // An escape spells the same key; JSON.parse would keep only one.
      ['{"a":1,"\\u0061":2}', ['a']],
      // A value quoting a key, or a quote and backslashes inside a string, is not a key.
      ['{"note":"\\"note\\": again","x":"{\\"note\\":1}","y":"\\\\","note2":"a\\\\\\"b"}', undefined],
      // Equal keys in different objects, and keys equal to values.
      ['{"a":{"a":"a"},"b":[{"a":1},{"a":1}],"c":{"a":{"a":1}}}', undefined],
      ['{ "a" : 1 ,\n "b" : { } , "c" : [ ] , "a" : 2 }', ['a']],
      ['{"":1,"":2}', ['']],
      ['"a string"', undefined],
      ['[1,2,3]', undefined],
    ]
    for (const [text, path] of cases) {
      JSON.parse(text)
      expect([text, duplicateKeyPath(text)]).toEqual([text, path])
    }
  })

  it('is never found in JSON written from a JavaScript value, and always found when a key is repeated at the front of an object', () => {
    const values = fc.jsonValue({ maxDepth: 4 })
    fc.assert(fc.property(values, (value) => duplicateKeyPath(JSON.stringify(value)) === undefined))
    const objects = fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1 })
    fc.assert(
      fc.property(objects, fc.nat(), (object, pick) => {
        const keys = Object.keys(object)
        const key = keys[pick % keys.length] as string
        // The same object with `key` given again first: {"key":null,<the object's own members>}.
        const text = `{${JSON.stringify(key)}:null,${JSON.stringify(object).slice(1)}`
        return JSON.stringify(duplicateKeyPath(`[0,${text}]`)) === JSON.stringify([1, key])
      }),
    )
  })
})
