import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readReplyKeyword, replyComplains } from '../src/index'

// Found by an outside tester: a complaint (骚扰, 投诉, harassment, "I'll report you") opted the number out like a
// plain STOP, so the writer's later START lifted it. A complaint is an opt-out the business reviews before lifting.
describe('a reply that complains of the texts', () => {
  it.each([
    '这是骚扰短信',
    '别再骚扰我了',
    '你们天天发这种东西，再这样我就投诉了，别再骚扰我了',
    '我要投诉你们',
    '再发就投诉',
    '我要向工信部投诉你们',
    '已经举报了',
    '再发我就打12321举报',
    'This is harassment',
    'stop harassing me',
    'I will report you',
    "I'm reporting you to the FCC",
    'Stop texting me or I will report this number',
  ])('opts out on %j and counts it a complaint', (text) => {
    expect([readReplyKeyword(text), replyComplains(text)]).toEqual(['stop', true])
  })

  it.each(['TD', 'STOP', '退订', '别再发了', '请不要再联系我', 'stop texting me', 'Unsubscribe me.', '不要再给我发短信了'])(
    'opts out on %j without counting it a complaint',
    (text) => {
      expect([readReplyKeyword(text), replyComplains(text)]).toEqual(['stop', false])
    },
  )

  it.each([
    // Asked about, negated, or about something else than the texts.
    '这是骚扰吗？',
    '你们不是骚扰',
    'Is this harassment?',
    "This isn't harassment",
    '我不会投诉你们的',
    '我要投诉快递员',
    '怎么投诉你们的快递?',
    'Can you send me the report?',
    'I will report back tomorrow',
    '好的',
  ])('neither opts out on %j nor counts it a complaint', (text) => {
    expect([readReplyKeyword(text), replyComplains(text)]).toEqual([undefined, false])
  })

  it('counts only stops as complaints, whatever the reply says', () => {
    const pieces = fc.constantFrom(
      '骚扰',
      '投诉',
      '举报',
      '12321',
      '工信部',
      'harassment',
      'report you',
      'TD',
      'STOP',
      '吗',
      '?',
      '不',
      "don't",
      '快递',
      ' ',
      '，',
      '。',
      '订阅',
      'START',
    )
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const text = parts.join('')
        if (replyComplains(text)) expect(readReplyKeyword(text)).toBe('stop')
      }),
    )
  })

  it('a complaint stays a complaint with a plain stop before or after it', () => {
    const complaint = fc.constantFrom('这是骚扰', '我要投诉你们', 'This is harassment', 'I will report you', '已经举报了')
    const stop = fc.constantFrom('TD', 'STOP', '退订', 'please stop')
    const join = fc.constantFrom(', ', '。', '! ', '，')
    fc.assert(
      fc.property(complaint, stop, join, fc.boolean(), (said, plain, between, first) => {
        const text = first ? `${plain}${between}${said}` : `${said}${between}${plain}`
        expect([readReplyKeyword(text), replyComplains(text)]).toEqual(['stop', true])
      }),
    )
  })
})
