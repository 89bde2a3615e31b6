import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { describeOptOut, type OptOutRecord, type OptOutSource, stoppingOptOut } from '../src/index'

const SOURCES: OptOutSource[] = ['reply', 'import', 'admin', 'complaint']
const record = fc.record({
  at: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  source: fc.constantFrom(...SOURCES),
  by: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: null }),
})
const time = { en: '2026-12-03 09:00', zh: '12月3日 09:00' }

describe('the words for whose opt-out stops a contact', () => {
  it("prefer the person's own to the number's, and the number's to none", () => {
    fc.assert(
      fc.property(fc.option(record, { nil: undefined }), fc.option(record, { nil: undefined }), (own: OptOutRecord | undefined, number: OptOutRecord | undefined) => {
        expect(stoppingOptOut(own, number)).toEqual(own ? { whose: 'person', record: own } : number ? { whose: 'number', record: number } : undefined)
      }),
    )
  })

  it('say when in both languages, name the colleague of an admin opt-out, and let a START alone lift only a reply', () => {
    fc.assert(
      fc.property(fc.constantFrom<'person' | 'number'>('person', 'number'), record, (whose, made) => {
        const text = describeOptOut({ whose, record: made }, time)
        expect([text.en.includes(time.en), text.zh.includes(time.zh)]).toEqual([true, true])
        expect(
          text.en.startsWith(whose === 'person' ? (made.source === 'admin' ? `${made.by ?? 'a colleague'} opted this person out` : 'this person') : "not this person's own"),
        ).toBe(true)
        if (made.source === 'admin') expect([text.en.includes(made.by ?? 'a colleague'), text.zh.includes(made.by ?? '同事')]).toEqual([true, true])
        expect(text.en.includes('only a colleague') || text.en.includes('a colleague can lift')).toBe(made.source !== 'reply')
        expect(text.zh.includes('同事在"回复"页面解除')).toBe(made.source !== 'reply')
      }),
    )
  })
})
