import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readReplyKeyword } from '../src/index'

// Sentences with no opt-out in them, some with a negation of their own ("not interested", "从来没有").
const ENGLISH = [
  "Hi, I've received way too many of these messages over the past few weeks",
  "Thanks but I'm not interested anymore",
  'I never signed up for this and I do not shop at your store',
  'My order came late and the box was damaged',
]
const CHINESE = ['我已经说过很多次了', '你们每天都发这些促销信息真的很烦人', '我从来没有在你们这里买过东西', '订单也没收到']
const CLAUSE_ENDS = [', ', '. ', '! ', '!!! ', '\n', ' - ', '; ', '，', '。', '！', '…']

const preamble = (sentences: string[]) =>
  fc.array(fc.tuple(fc.constantFrom(...sentences), fc.constantFrom(...CLAUSE_ENDS)), { minLength: 1, maxLength: 12 }).map((parts) => parts.flat().join(''))

describe('a long reply that closes with a stop', () => {
  // Waited for review because they ran past 70 characters: each person had asked to stop.
  it.each([
    ["Hi, I've received way too many of these messages over the past weeks, please STOP", 'stop'],
    ["Thanks but I'm not interested anymore, STOP", 'stop'],
    ["Thanks but I'm not interested anymore and I've told you twice already STOP", 'stop'],
    ['pls stop texting me!!!', 'stop'],
    ['I have never bought anything from you and I have no idea how you got this number. Unsubscribe me.', 'stop'],
    ['I have never bought anything from you and I have no idea how you got this number, please stop sending these', 'stop'],
    ['Stop texting me, who gave you my number? I never signed up for any of this and I want it to end today', 'stop'],
    ['我已经说过很多次了，你们每天都发这些促销信息，真的很烦人，我从来没有在你们这里买过东西，请退订', 'stop'],
    ['我已经说过很多次了你们每天都发这些促销信息真的很烦人我从来没有在你们这里买过东西回复TD退订了', 'stop'],
    ['你们每天都发这些促销信息真的很烦人，我从来没有在你们这里买过东西，也没有注册过会员，别再给我发短信了', 'stop'],
    ['你们每天都发这些促销信息真的很烦人，我从来没有在你们这里买过东西，也没有注册过会员。T', 'stop'],
    ['退订。你们到底是从哪里拿到我的手机号码的？我从来没有在你们这里买过东西，也没有注册过会员', 'stop'],
    ['别再发了，好吗？', 'stop'],
    ['I said stop', 'stop'],
    ['i never signed up for this stop', 'stop'],
    ['Please take me off your list, I have asked twice already and I keep getting these every single day', 'stop'],
    ['Leave me alone', 'stop'],
    ['stop contacting me', 'stop'],
    ['Who is this? Remove my number.', 'stop'],
    ['你们天天发这种东西，再这样我就投诉了，别再骚扰我了', 'stop'],
    ['这是骚扰短信', 'stop'],
  ])('opts out on %j', (text, keyword) => {
    expect(readReplyKeyword(text)).toBe(keyword)
  })

  // Questions about a word, negations, other meanings of "stop", and what a person writes about an order.
  it.each([
    'what does TD mean?',
    'TD是什么意思?',
    'TD，是什么意思？',
    '退订是什么意思',
    '如果我退订，还能收到优惠吗？',
    "don't stop sending",
    "I don't want you to stop",
    '我没有退订',
    '我没有说要退订',
    '取消订单',
    '不要发货了',
    'stop by the store tomorrow',
    "I'll stop by the store tomorrow",
    'I will meet you at the bus stop',
    'I bank with TD',
    'My order 1234 arrived broken and I want my money back, please cancel',
    "Hi, I've received way too many of these messages over the past weeks, what does STOP do?",
    '这是骚扰吗？',
    '你们不是骚扰',
  ])('does not opt out on %j', (text) => {
    expect(readReplyKeyword(text)).toBeUndefined()
  })

  it('opts out on a closing English stop, however long the reply before it', () => {
    const closing = fc.constantFrom('STOP', 'Stop!', 'please STOP', 'stop texting me', 'Unsubscribe me.', 'please stop sending these', 'just stop', 'stop now pls 🙏')
    fc.assert(
      fc.property(preamble(ENGLISH), closing, (before, stop) => {
        expect(readReplyKeyword(`${before}${stop}`)).toBe('stop')
      }),
    )
  })

  it('opts out on a closing Chinese stop, however long the reply before it', () => {
    const closing = fc.constantFrom('退订', '请退订', '回复TD退订了', 'TD', '退订谢谢', '别再发了', '不要再给我发短信了', '拒收', 'T')
    fc.assert(
      fc.property(preamble(CHINESE), closing, (before, stop) => {
        expect(readReplyKeyword(`${before}${stop}`)).toBe('stop')
      }),
    )
  })

  it('leaves a long reply closing with a question about a keyword, or a negated stop, for a person', () => {
    const closing = fc.constantFrom(
      'what does TD mean?',
      'what is STOP?',
      "please don't stop sending",
      'I did not say stop',
      'TD是什么意思?',
      '退订是什么意思？',
      '如果我退订，还能收到优惠吗？',
      '我没有退订',
      '我不要退订',
      '取消订单',
      'I might stop by tomorrow',
    )
    fc.assert(
      fc.property(preamble([...ENGLISH, ...CHINESE]), closing, (before, ending) => {
        expect(readReplyKeyword(`${before}${ending}`)).toBeUndefined()
      }),
    )
  })
})
