import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { problemsOf } from '../src/editor/problems'

const template = JOURNEY_TEMPLATES.find((candidate) => candidate.nodes.some((node) => node.type === 'send_sms' && node.data.offer)) as JourneyDocument

/** What the tester published: a "transactional" SMS with a coupon, which the editor called ready. */
describe("the editor's problems for a transactional send with an offer", () => {
  it('counts the offer as an error on its node, in both languages', () => {
    expect(problemsOf(template, undefined).errorCount).toBe(0)
    const document = structuredClone(template)
    const node = document.nodes.find((candidate) => candidate.type === 'send_sms' && candidate.data.offer)
    if (node?.type !== 'send_sms') throw new Error('template has no send with an offer')
    node.data.category = 'transactional'
    const problems = problemsOf(document, undefined)
    expect(problems.errorCount).toBe(1)
    const index = document.nodes.indexOf(node)
    expect(
      problems.byNode
        .get(node.id)
        ?.filter((problem) => problem.severity === 'error')
        .map((problem) => [problem.code, problem.path, problem.message.zh.slice(0, 12)]),
    ).toEqual([['transactional.offer', `/nodes/${index}/data/offer`, '通知类消息不能携带优惠「']])
    expect(problems.byNode.get(node.id)?.find((problem) => problem.code === 'transactional.offer')?.message.en).toContain(`cannot carry the offer "${node.data.offer?.label}"`)
  })
})
