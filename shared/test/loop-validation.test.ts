import { describe, expect, it } from 'vitest'
import { type JourneyDocument, type NodeData, validateJourney } from '../src/index'
import { minimalJourney, nodeById } from './fixtures'

/**
 * start → pause (the wait under test) → sms → back to pause: a "send again after the wait" loop.
 * A wait for an event leaves by its other output to the exit.
 */
function loopThroughPause(wait: NodeData<'wait'>, handle = 'out'): JourneyDocument {
  const document = minimalJourney()
  nodeById(document, 'pause', 'wait').data = wait
  document.edges = [
    { id: 'e1', source: 'start', sourceHandle: 'out', target: 'pause' },
    { id: 'e2', source: 'pause', sourceHandle: handle, target: 'sms' },
    { id: 'e3', source: 'sms', sourceHandle: 'out', target: 'pause' },
  ]
  if (wait.mode === 'for_event') document.edges.push({ id: 'e4', source: 'pause', sourceHandle: handle === 'event' ? 'timeout' : 'event', target: 'end' })
  else document.nodes = document.nodes.filter((node) => node.id !== 'end')
  return document
}

function loopProblems(document: JourneyDocument) {
  return validateJourney(document).problems.filter((problem) => problem.code === 'journey.loop_without_wait')
}

const pastDateWait: NodeData<'wait'> = { mode: 'until_date_attribute', attribute: 'renew_at', offsetDays: 0, time: '10:00' }
const localTimeWait: NodeData<'wait'> = { mode: 'until_time', time: '10:00' }
const eventWait: NodeData<'wait'> = { mode: 'for_event', event: 'app_open', timeout: { amount: 3, unit: 'days' } }

describe('loops must pass a wait that always takes time', () => {
  it('refuses a loop through a wait until a date attribute, naming its nodes in English and Chinese', () => {
    expect(loopProblems(loopThroughPause(pastDateWait))).toEqual([
      {
        code: 'journey.loop_without_wait',
        severity: 'error',
        path: '/nodes/1',
        nodeId: 'pause',
        message: {
          en: 'The loop pause → sms → pause has no wait that always takes time, so a contact could go round it at once and get a message each time: add a wait for a fixed time, or give the wait until a time or date an "at least"',
          zh: '循环 pause → sms → pause 中没有必定耗时的等待,联系人可能瞬间反复绕行并每次都收到消息:请加入固定时长的等待,或为"等到某时间/日期"设置"至少等待"',
        },
      },
    ])
  })

  it('accepts the same loop once the date wait has a minimum', () => {
    expect(validateJourney(loopThroughPause({ ...pastDateWait, minimum: { amount: 1, unit: 'days' } })).problems).toEqual([])
  })

  it('refuses a loop through a wait until a local time, and accepts it with a minimum', () => {
    expect(loopProblems(loopThroughPause(localTimeWait)).map((problem) => problem.nodeId)).toEqual(['pause'])
    expect(validateJourney(loopThroughPause({ ...localTimeWait, weekdays: [1], minimum: { amount: 2, unit: 'hours' } })).problems).toEqual([])
  })

  it('refuses a minimum of 0, which adds no time', () => {
    const problems = validateJourney(loopThroughPause({ ...localTimeWait, minimum: { amount: 0, unit: 'hours' } })).problems
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['journey.loop_without_wait', '/nodes/1'],
      ['wait.zero', '/nodes/1/data/minimum/amount'],
    ])
  })

  it('accepts a loop through a fixed wait, and refuses one of 0', () => {
    expect(validateJourney(loopThroughPause({ mode: 'duration', duration: { amount: 1, unit: 'days' } })).problems).toEqual([])
    expect(loopProblems(loopThroughPause({ mode: 'duration', duration: { amount: 0, unit: 'days' } }))).toHaveLength(1)
  })

  it('refuses a loop through the event branch of a wait for an event: the event can arrive at once', () => {
    const document = loopThroughPause(eventWait, 'event')
    expect(loopProblems(document).map((problem) => problem.message.en)).toEqual([expect.stringContaining('The loop pause → sms → pause ')])
  })

  it('accepts a loop through the timeout branch of a wait for an event', () => {
    const document = loopThroughPause(eventWait, 'timeout')
    expect(validateJourney(document).problems).toEqual([])
  })

  it('refuses a loop with a second way round that skips the wait', () => {
    const document = loopThroughPause({ mode: 'duration', duration: { amount: 1, unit: 'days' } })
    // sms → split: A goes back round the wait, B straight back to the sms.
    document.edges[2] = { id: 'e3', source: 'sms', sourceHandle: 'out', target: 'split' }
    const variants = [
      { id: 'A', label: 'A', weight: 50 },
      { id: 'B', label: 'B', weight: 50 },
    ]
    document.nodes.push({ id: 'split', type: 'ab_split', position: { x: 0, y: 0 }, data: { variants } })
    document.edges.push({ id: 'e5', source: 'split', sourceHandle: 'A', target: 'pause' }, { id: 'e6', source: 'split', sourceHandle: 'B', target: 'sms' })
    expect(loopProblems(document).map((problem) => [problem.nodeId, problem.message.en.split(' has ')[0]])).toEqual([['sms', 'The loop sms → split → sms']])
  })
})
