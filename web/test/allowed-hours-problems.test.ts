import { JOURNEY_TEMPLATES, type JourneyDocument } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { problemsOf } from '../src/editor/problems'

const wakeUp = JOURNEY_TEMPLATES.find((template) => template.id === 'wake-up-45-days') as JourneyDocument
const evening = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '20:00', end: '09:00' }]

/** What the tester met: "No problems: ready to publish" on a journey the workspace's hours leave no time. */
describe("the editor's problems against the workspace's allowed sending hours", () => {
  it("names the journey's hours and the allowed hours when they never meet, in both languages", () => {
    expect(problemsOf(wakeUp, undefined).errorCount).toBe(0)
    const problems = problemsOf(wakeUp, undefined, evening)
    expect(problems.errorCount).toBe(1)
    expect(problems.all.map((problem) => [problem.code, problem.path, problem.message.zh])).toEqual([
      [
        'window.outside_allowed',
        '/settings/sendWindow',
        '该发送时段(周一至周五 17:00–20:00,周六至周日 10:00–20:00)与工作区允许发送时段(20:00–09:00)在 08:00–21:00 内没有任何重叠,消息将永远无法发送;请修改该时段或设置中的允许发送时段',
      ],
    ])
    expect(problemsOf(wakeUp, undefined, [{ days: [1, 2, 3, 4, 5, 6, 7], start: '19:00', end: '09:00' }]).errorCount).toBe(0)
  })
})
