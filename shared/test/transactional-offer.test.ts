import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hasErrors, type JourneyDocument, promotionalWording, validateJourney } from '../src/index'

const OFFER = { kind: 'percent_off' as const, value: 20, label: '全场8折券', validHours: 48 }
const TESTER_TEXT = '您的订单通知:全场8折券限时48小时,点击领取 {{link}}'

/** The outside tester's journey: trigger → transactional SMS with an offer → exit. */
function testerJourney(): JourneyDocument {
  return {
    schemaVersion: 1,
    id: 'tx-offer',
    name: 'Order notice',
    description: '',
    settings: { category: 'recall', brand: '乐享', entry: { reentry: 'never' }, onCapReached: 'skip' },
    nodes: [
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { on: 'event', event: 'order_paid' } },
      { id: 'notice', type: 'send_sms', position: { x: 300, y: 0 }, data: { text: TESTER_TEXT, category: 'transactional', offer: OFFER, linkUrl: 'https://example.com/c' } },
      { id: 'end', type: 'exit', position: { x: 600, y: 0 }, data: { reason: 'completed' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceHandle: 'out', target: 'notice' },
      { id: 'e2', source: 'notice', sourceHandle: 'out', target: 'end' },
    ],
  }
}

const transactionalProblems = (document: JourneyDocument) => validateJourney(document).problems.filter((problem) => problem.code.startsWith('transactional.'))

const OFFER_ERROR_EN = (what: string) =>
  `A transactional message cannot carry ${what}: a coupon or offer is marketing. Choose the category Marketing or Recall (they carry the opt-out line and respect consent, opt-outs, caps and 08:00–21:00), or remove the offer`
const OFFER_ERROR_ZH = (what: string) =>
  `通知类消息不能携带${what}:优惠券和优惠属于营销。请将类别改为「营销」或「召回」(它们带退订提示,并遵守授权、退订、频次上限和 08:00–21:00 时段),或删除优惠`

describe('a transactional send that carries an offer', () => {
  it("refuses the tester's transactional SMS with a 全场8折券 offer, naming the node and the offer field, and flags its wording", () => {
    const validation = validateJourney(testerJourney())
    expect(hasErrors(validation.problems)).toBe(true)
    expect(transactionalProblems(testerJourney())).toEqual([
      {
        code: 'transactional.offer',
        severity: 'error',
        nodeId: 'notice',
        path: '/nodes/1/data/offer',
        message: { en: OFFER_ERROR_EN('the offer "全场8折券"'), zh: OFFER_ERROR_ZH('优惠「全场8折券」') },
      },
      {
        code: 'transactional.promotional_wording',
        severity: 'warning',
        nodeId: 'notice',
        path: '/nodes/1/data/text',
        message: {
          en: 'This transactional text reads like a promotion ("券", "8折", "限时"); if it offers anything, choose the category Marketing or Recall (they carry the opt-out line and respect consent, opt-outs, caps and 08:00–21:00)',
          zh: '该通知类文案像是促销内容(「券」、「8折」、「限时」);如含任何优惠,请将类别改为「营销」或「召回」(它们带退订提示,并遵守授权、退订、频次上限和 08:00–21:00 时段)',
        },
      },
    ])
  })

  it('accepts the same send as marketing or recall', () => {
    for (const category of ['marketing', 'recall'] as const) {
      const document = testerJourney()
      const node = document.nodes[1]
      if (node?.type !== 'send_sms') throw new Error('fixture')
      node.data.category = category
      expect(transactionalProblems(document)).toEqual([])
      expect(validateJourney(document).problems.filter((problem) => problem.severity === 'error')).toEqual([])
    }
  })

  it('refuses a transactional MMS with an offer, at its offer field', () => {
    const document = testerJourney()
    document.nodes[1] = {
      id: 'notice',
      type: 'send_mms',
      position: { x: 300, y: 0 },
      data: { title: '订单通知', slides: [{ text: '您的订单已发货' }], maxTotalBytes: 512_000, fallbackText: '您的订单已发货', category: 'transactional', offer: OFFER },
    }
    expect(transactionalProblems(document)).toEqual([
      {
        code: 'transactional.offer',
        severity: 'error',
        nodeId: 'notice',
        path: '/nodes/1/data/offer',
        message: { en: OFFER_ERROR_EN('the offer "全场8折券"'), zh: OFFER_ERROR_ZH('优惠「全场8折券」') },
      },
    ])
  })

  it('refuses a transactional reminder of a coupon (at its expiry field) but accepts a transactional points reminder', () => {
    const document = testerJourney()
    document.nodes.splice(2, 0, {
      id: 'remind',
      type: 'reminder_before_expiry',
      position: { x: 450, y: 0 },
      data: { expiry: { source: 'coupon' }, before: { amount: 1, unit: 'days' }, text: '您的订单将于明天到期', category: 'transactional' },
    })
    const notice = document.nodes[1]
    if (notice?.type !== 'send_sms') throw new Error('fixture')
    notice.data = { text: '【乐享】好久不见,送您一张券 {{link}}', category: 'recall', offer: OFFER, linkUrl: 'https://example.com/c' }
    document.edges = [
      { id: 'e1', source: 'start', sourceHandle: 'out', target: 'notice' },
      { id: 'e2', source: 'notice', sourceHandle: 'out', target: 'remind' },
      { id: 'e3', source: 'remind', sourceHandle: 'sent', target: 'end' },
      { id: 'e4', source: 'remind', sourceHandle: 'skipped', target: 'end' },
    ]
    expect(transactionalProblems(document)).toEqual([
      { code: 'transactional.offer', severity: 'error', nodeId: 'remind', path: '/nodes/2/data/expiry', message: { en: OFFER_ERROR_EN('a coupon'), zh: OFFER_ERROR_ZH('优惠券') } },
    ])
    const remind = document.nodes[2]
    if (remind?.type !== 'reminder_before_expiry') throw new Error('fixture')
    remind.data = { ...remind.data, expiry: { source: 'attribute', attribute: 'points_expire_at' }, text: '您的积分将于明天到期' }
    expect(transactionalProblems(document)).toEqual([])
  })

  it('refuses a coupon variable in a transactional text, at the text', () => {
    const document = testerJourney()
    const node = document.nodes[1]
    if (node?.type !== 'send_sms') throw new Error('fixture')
    node.data = { text: '您的订单已发货,券码 {{coupon.code}}', category: 'transactional' }
    expect(transactionalProblems(document).map(({ code, severity, path, nodeId }) => ({ code, severity, path, nodeId }))).toEqual([
      { code: 'transactional.coupon_variable', severity: 'error', path: '/nodes/1/data/text', nodeId: 'notice' },
    ])
    expect(transactionalProblems(document)[0]?.message.en).toContain('A transactional message cannot show a coupon ({{coupon.code}})')
  })

  it('leaves plain order notices alone', () => {
    const document = testerJourney()
    const node = document.nodes[1]
    if (node?.type !== 'send_sms') throw new Error('fixture')
    node.data = { text: '您的订单已发货,预计明天送达', category: 'transactional' }
    expect(validateJourney(document).problems).toEqual([])
  })
})

describe('promotionalWording', () => {
  it('finds Chinese and English promotional wording, each once', () => {
    expect(promotionalWording('满100减30优惠券,8.5折,促销')).toEqual(['券', '8.5折', '优惠', '促销', '满100减'])
    expect(promotionalWording('Summer SALE: 20% off with coupon CODE, a discount for you')).toEqual(['SALE', '20% off', 'coupon', 'discount'])
    expect(promotionalWording('Your order has shipped; 折叠伞 arrives tomorrow')).toEqual([])
  })

  it('flags any text that contains a promotional word, wherever it sits', () => {
    const word = fc.constantFrom('券', '优惠', '促销', '满减', '8折', 'sale', '30% off', 'coupon')
    const plain = fc.string({ unit: fc.constantFrom('您', '的', '订', '单', '已', '发', '货', ' ', 'a', 'b', '1', ',') })
    fc.assert(
      fc.property(plain, word, plain, (before, promo, after) => {
        expect(promotionalWording(`${before} ${promo} ${after}`).length).toBeGreaterThan(0)
      }),
    )
  })
})
