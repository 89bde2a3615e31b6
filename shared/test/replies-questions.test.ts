import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readReplyKeyword } from '../src/index'

// Found by an outside tester: people who asked to stop, in a question or in words Recall did not know, kept getting texts.
describe('a stop asked as a question, or said in other words', () => {
  it.each([
    'Can you please remove me from your list?',
    'Can you take me off your list?',
    'Could you please stop sending these?',
    'can you stop texting me?',
    'How many times do I have to say STOP?',
    'Why am I still getting these after I replied STOP?',
    '可以帮我退订吗?',
    '能帮我退订吗',
    '麻烦帮我退订好吗?',
    '能不能别发了',
    '可以不要再发了吗',
    '我已经退订了,为什么还能收到?',
    '请问怎么退订?我不想再收到了',
    '别再发了好吗?',
    '你们天天晚上发短信，影响休息。能不能别再发了？',
    '一天发三条烦不烦…别发了行吗',
    'TD?',
    '退订?',
    'STOP?',
  ])('opts out on the question %j', (text) => {
    expect(readReplyKeyword(text)).toBe('stop')
  })

  it.each([
    '我不想再收到你们的短信',
    '不想收到这类短信',
    '请不要再联系我',
    '请删除我的号码',
    '把我从名单里删掉',
    '关闭短信提醒',
    '别烦我',
    '垃圾短信',
    '我要向工信部投诉你们',
    'Stop these messages',
    "Don't message me anymore",
    'I no longer want to receive these messages',
    "I don't want these texts",
    'Remove',
    'pls remove',
    'spam',
    'STOPP',
    'Stooop',
    'ST\u200bOP',
  ])('opts out on %j', (text) => {
    expect(readReplyKeyword(text)).toBe('stop')
  })

  it.each([
    'what does TD mean?',
    'TD是什么意思?',
    '退订是什么意思',
    '请问退订是什么',
    '怎么退订?',
    '可以退订是什么意思?',
    '如果我退订，还能收到优惠吗？',
    "don't stop sending",
    '我没有退订',
    '我没有说要退订',
    '千万别给我退订',
    '我没有退订，为什么还能收到?',
    'stop by the store',
    'can you stop by the store?',
    '取消订单',
    'the bus stop',
    '我不想收到货了',
    'How many times can I use the coupon?',
    'Why am I still getting charged?',
    'Can you send me the coupon again?',
    '能帮我查一下订单吗',
    '可以吗',
    '好的 ok',
    '退订吗',
  ])('does not opt out on %j', (text) => {
    expect(readReplyKeyword(text)).toBeUndefined()
  })

  it('opts out on any polite opening and question tail around a stop', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('可以', '能', '能不能', '麻烦', '请', '可以帮我', '麻烦你帮我', '请问能不能'),
        fc.constantFrom('退订', '别再发了', '不要再给我发短信了', '取消订阅'),
        fc.constantFrom('', '吗', '吗?', '好吗？', '行吗', '可以吗', '呢'),
        (opening, stop, tail) => {
          expect(readReplyKeyword(`${opening}${stop}${tail}`)).toBe('stop')
        },
      ),
    )
    fc.assert(
      fc.property(
        fc.constantFrom('Can you', 'Could you please', 'Would you', 'can u pls'),
        fc.constantFrom('stop texting me', 'remove me from your list', 'take me off your list', 'stop sending these', 'unsubscribe me'),
        fc.constantFrom('', '?', '??', ' please?'),
        (opening, stop, tail) => {
          expect(readReplyKeyword(`${opening} ${stop}${tail}`)).toBe('stop')
        },
      ),
    )
  })

  it('never opts out on a question about what a stop word means', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '请问', '可以', '能'),
        fc.constantFrom('TD', '退订', 'T', '拒收'),
        fc.constantFrom('是什么意思', '是什么意思?', '是什么', '是啥？', '什么意思吗'),
        (opening, word, asking) => {
          expect(readReplyKeyword(`${opening}${word}${asking}`)).toBeUndefined()
        },
      ),
    )
  })
})
