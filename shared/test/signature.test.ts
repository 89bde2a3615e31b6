import { describe, expect, it } from 'vitest'
import { type JourneyDocument, validateJourney } from '../src/index'
import { minimalJourney, nodeById } from './fixtures'

const NO_SIGNATURE = {
  code: 'message.no_signature',
  severity: 'error',
  path: '/nodes/2/data/text',
  nodeId: 'sms',
  message: {
    en: 'Marketing and recall messages must name the sender as 【brand】: set the brand signature in the journey settings, or start the text with 【…】',
    zh: '营销和召回短信必须以【品牌】署名:请在旅程设置中填写品牌签名,或在短信开头写上【…】',
  },
}

/** The minimal journey without a brand, its message changed as asked. */
function withoutBrand(text: string, category: 'recall' | 'marketing' | 'transactional'): JourneyDocument {
  const document = minimalJourney()
  delete document.settings.brand
  const sms = nodeById(document, 'sms', 'send_sms')
  sms.data = { ...sms.data, text, category }
  return document
}

const signatureProblems = (document: JourneyDocument) => validateJourney(document).problems.filter((problem) => problem.code === 'message.no_signature')

describe('a marketing message names its sender', () => {
  it.each(['recall', 'marketing'] as const)('refuses a %s message with no brand and no 【…】 of its own', (category) => {
    expect(signatureProblems(withoutBrand('好久不见,送您一张券', category))).toEqual([NO_SIGNATURE])
  })

  it('accepts the journey brand, a text that opens with its own 【…】, and transactional messages without either', () => {
    expect(signatureProblems(minimalJourney())).toEqual([])
    expect(signatureProblems(withoutBrand('  【乐享】好久不见', 'marketing'))).toEqual([])
    expect(signatureProblems(withoutBrand('您的订单已发货', 'transactional'))).toEqual([])
  })
})
