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

  it.each(['好的', 'thanks', 'T恤还有吗', 'TDD', 'RR', 'TEND', '拒收短信吗', '000', '取消订单', ''])('leaves %j for a person to read', (text) => {
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

  // What an outside tester sent that Recall kept texting after.
  it.each([
    '退订 谢谢',
    '退订，谢谢',
    '退订\n谢谢',
    '回T退订',
    'T退订',
    'TD 退订',
    '请退订',
    '我要退订',
    '退订了',
    '退订退订',
    '退 订',
    '退訂',
    '退訂 謝謝',
    'Ｔ Ｄ',
    'T D',
    't d',
    'T-D',
    't.d.',
    '取消',
    '不要再发了',
    '别发了',
    '别再发了',
    '別再發了',
    'Unsubscribe me',
    'stop please',
    'STOP STOP',
    'TD TD',
    'unsub',
    'opt out',
    'optout',
    '好的，别再发了',
    'STOP START',
    '订阅 退订',
  ])('opts out on %j', (text) => {
    expect(readReplyKeyword(text)).toBe('stop')
  })

  // Questions, negations and ordinary answers; "NO", "N" and "不需要" answer questions too, so a person reads them.
  it.each([
    'TD是什么意思?',
    'stopping by later',
    "don't stop",
    '好的',
    '谢谢',
    'hi',
    '什么时候发货',
    '不需要',
    'N',
    'NO',
    'no',
    '不退订',
    '我不要退订',
    '我没有退订',
    '退订吗',
    '拒收短信吗？',
    '订阅?',
    '订 阅？',
  ])('does not act on %j', (text) => {
    expect(readReplyKeyword(text)).toBeUndefined()
  })

  // Found by a second outside try: plain ways of asking to stop, and a stop inside a complaint.
  it.each([
    '别再打扰我了',
    '请不要再打扰我 thanks',
    '不要再给我发短信',
    '别发',
    '停止发送',
    '停止',
    '请勿再发',
    '取消短信',
    'stop texting me',
    'please stop sending',
    'stop sending this',
    'Stop it',
    'Unsubscribe me from this list',
    "Don't text me",
    'no more texts please',
    'remove me',
    '退订 你们天天发烦死了我根本没买过东西谢谢',
  ])('opts out on %j', (text) => {
    expect(readReplyKeyword(text)).toBe('stop')
  })

  it.each(["don't stop sending", '不好意思打扰了', '我想取消订单', '不要发货了吗?'])('does not opt out on %j', (text) => {
    expect(readReplyKeyword(text)).toBeUndefined()
  })

  // Found by an outside tester: 开始, 恢复订阅 and 重新订阅 were not read as opting back in.
  it.each(['订 阅', '订阅谢谢', 'start please', 'Start!', '开始', '恢复订阅', '重新订阅', '继续订阅', '開始', '恢復訂閱', '我要重新订阅', '开始吧', '请恢复订阅，谢谢'])(
    'opts in on %j',
    (text) => {
      expect(readReplyKeyword(text)).toBe('start')
    },
  )

  it.each([
    '不订阅',
    "don't start",
    'start later',
    '订阅吗',
    '什么时候开始发货',
    '活动开始了吗',
    '不要重新订阅',
    '怎么恢复订阅',
    '恢复订阅吗',
    '重新订阅后还能用券吗',
    '订单恢复了',
  ])('does not opt in on %j', (text) => {
    expect(readReplyKeyword(text)).toBeUndefined()
  })

  const STOPS = ['T', 'TD', 'R', 'STOP', 'Unsubscribe', 'unsub', 'cancel', '退订', '取消订阅', '拒收', '取消', '退訂']
  const FILLERS = ['please', 'me', 'thanks', '谢谢', '請', '我要', '了', '']
  const SEPARATORS = fc.stringMatching(/^[\s.,!?。,!、…~\-·😊]{0,3}$/u).filter((text) => !/[?？]/.test(text))

  it('opts out on any mix of opt-out keywords and filler words, however spaced or punctuated', () => {
    const part = fc.tuple(fc.constantFrom(...STOPS, ...FILLERS), SEPARATORS).map(([word, separator]) => `${word} ${separator}`)
    fc.assert(
      fc.property(fc.array(part, { maxLength: 3 }), fc.constantFrom(...STOPS), fc.array(part, { maxLength: 3 }), (before, stop, after) => {
        expect(readReplyKeyword(`${before.join('')} ${stop} ${after.join('')}`)).toBe('stop')
      }),
    )
  })

  it('reads letters or characters split by spaces, dots or dashes, in any width, as the keyword', () => {
    const separator = fc.constantFrom(' ', '.', '-', '　', ' . ', '·')
    fc.assert(
      fc.property(fc.constantFrom(['T', 'D'], ['退', '订'], ['t', 'd'], ['Ｔ', 'Ｄ'], ['退', '訂']), separator, SEPARATORS, ([first, second], between, after) => {
        expect(readReplyKeyword(`${first}${between}${second}${after}`)).toBe('stop')
      }),
    )
  })

  it('a stop word beside a start word is a stop', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STOPS), fc.constantFrom('START', 'start', '订阅', 'unstop', '开始', '恢复订阅', '重新订阅'), fc.boolean(), (stop, start, stopFirst) => {
        expect(readReplyKeyword(stopFirst ? `${stop} ${start}` : `${start} ${stop}`)).toBe('stop')
      }),
    )
  })

  it('never acts on a negated strong phrase, nor on a question about one', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('不', '不要', '没有', '不想', '我不要'),
        fc.constantFrom('退订', '拒收', '退訂'),
        fc.constantFrom('', '了', '啊'),
        fc.constantFrom('', '吗', '吗?', '呢？'),
        (negation, phrase, tail, question) => {
          expect(readReplyKeyword(`${negation}${phrase}${tail}${question}`)).toBeUndefined()
          expect(readReplyKeyword(`${phrase}${tail}${question || '吗'}`)).toBeUndefined()
          expect(readReplyKeyword(`好的${phrase}${tail}?`)).toBeUndefined()
        },
      ),
    )
  })

  it('never opts out on a reply made of ordinary words', () => {
    const ordinary = fc.constantFrom(
      'hi',
      'ok',
      'yes',
      'no',
      'when',
      'is',
      'my',
      'order',
      'coming',
      'stopping',
      'started',
      'tend',
      'td是什么',
      '好的',
      '谢谢',
      '什么时候发货',
      '在吗',
      '多少钱',
      '不需要',
    )
    fc.assert(
      // Up to 30 words: past 70 characters a reply is read by what it closes with, which must still be no stop.
      fc.property(fc.array(fc.tuple(ordinary, SEPARATORS), { minLength: 1, maxLength: 30 }), (parts) => {
        expect(readReplyKeyword(parts.map(([word, separator]) => `${word} ${separator}`).join(''))).toBeUndefined()
      }),
    )
  })
})
