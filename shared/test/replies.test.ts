import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readReplyKeyword } from '../src/index'

describe('reply keywords', () => {
  it.each([
    ['T', 'stop'],
    ['td', 'stop'],
    ['退订', 'stop'],
    [' 退订。', 'stop'],
    ['TD!', 'stop'],
    ['【T】', 'stop'],
    ['Ｔ Ｄ'.replace(' ', ''), 'stop'],
    ['stop', 'stop'],
    ['R', 'stop'],
    ['r。', 'stop'],
    ['拒收', 'stop'],
    ['0000', 'stop'],
    ['取消订阅。', 'stop'],
    ['Unsubscribe.', 'stop'],
    ['START', 'start'],
    [' start ', 'start'],
    ['订阅。', 'start'],
  ])('reads %j as %s', (text, keyword) => {
    expect(readReplyKeyword(text)).toBe(keyword)
  })

  it.each(['stop sending this', '好的', 'thanks', 'T恤还有吗', 'TDD', 'RR', '拒收短信吗', '000', '取消', ''])('leaves %j for a person to read', (text) => {
    expect(readReplyKeyword(text)).toBeUndefined()
  })

  it('ignores any punctuation and spacing around a keyword, in any case', () => {
    const padding = fc.stringMatching(/^[\s.,!?。,!?、…~-]{0,4}$/)
    fc.assert(
      fc.property(padding, fc.constantFrom('t', 'T', 'td', 'Td', 'TD', '退订', 'stop', 'Stop', 'UNSUBSCRIBE'), padding, (before, word, after) => {
        expect(readReplyKeyword(`${before}${word}${after}`)).toBe('stop')
      }),
    )
  })
})
