import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { schemaProblems } from '../src/index'
import { fieldWords } from '../src/validation/field-words'

describe('schema problems name the field in words', () => {
  it('says "等待时长必须是整数", never a JSON path', () => {
    const schema = Type.Object({ duration: Type.Object({ amount: Type.Integer({ minimum: 1 }) }) })
    const [problem] = schemaProblems(schema, { duration: { amount: 1.5 } }, '/nodes/6/data')
    expect([problem?.path, problem?.message]).toEqual(['/nodes/6/data/duration/amount', { en: 'Wait duration must be a whole number', zh: '等待时长必须是整数' }])
  })

  it('says a rate above 1 and a missing field in both languages', () => {
    const schema = Type.Object({ clickRate: Type.Number({ maximum: 1 }), start: Type.String() })
    expect(schemaProblems(schema, { clickRate: 2 }, '/body').map((problem) => problem.message)).toEqual([
      { en: 'Start is required', zh: '开始为必填项' },
      { en: 'Click rate must be at most 1', zh: '点击率不能大于 1' },
    ])
  })

  it('says a value that fits no shape of a union in Chinese too', () => {
    const schema = Type.Object({ value: Type.Union([Type.Object({ a: Type.Number() }), Type.Array(Type.String())]) })
    expect(schemaProblems(schema, { value: 'x' }, '/body').map((problem) => problem.message.zh)).toEqual(['值不符合任何允许的格式'])
  })

  it('names the field inside the shape a value was meant as, when a union has two that could fit', () => {
    const condition = Type.Object({ kind: Type.Literal('date'), days: Type.Integer({ minimum: 0 }) })
    const group = Type.Object({ match: Type.String(), conditions: Type.Array(Type.Unknown()) })
    const schema = Type.Object({ rule: Type.Union([condition, group]) })
    expect(schemaProblems(schema, { rule: { kind: 'date', days: -5 } }, '/body').map((problem) => [problem.path, problem.message.en])).toEqual([
      ['/body/rule/days', 'Days must be at least 0'],
    ])
  })

  it('names an unknown field by its words, and the whole request when there is no field', () => {
    expect(fieldWords('/body/reentryDays')).toEqual({ en: 'Re-entry days', zh: '再次进入天数' })
    // `limit` is a frequency cap in the policies and a page size in a list's query.
    expect(fieldWords('/body/caps/1/limit')).toEqual({ en: 'Cap', zh: '频次上限' })
    expect(fieldWords('/querystring/limit')).toEqual({ en: 'Page size', zh: '每页条数' })
    expect(fieldWords('/body/maxSendsPerHour')).toEqual({ en: 'Max sends per hour', zh: '字段"maxSendsPerHour"' })
    expect(fieldWords('/body')).toEqual({ en: 'The request', zh: '请求内容' })
  })

  it('names a field called like an Object.prototype member by its own name, never "undefined"', () => {
    expect(['/body/constructor', '/querystring/toString', '/body/hasOwnProperty', '/body/valueOf', '/querystring/__proto__', '/body/a/constructor'].map(fieldWords)).toEqual([
      { en: 'Constructor', zh: '字段"constructor"' },
      { en: 'To string', zh: '字段"toString"' },
      { en: 'Has own property', zh: '字段"hasOwnProperty"' },
      { en: 'Value of', zh: '字段"valueOf"' },
      { en: '__proto__', zh: '字段"__proto__"' },
      { en: 'Constructor', zh: '字段"constructor"' },
    ])
  })

  it('names the approval limits in both languages (they read "Approval messages per24h" and 字段"approvalCost")', () => {
    expect([fieldWords('/body/approvalMessagesPer24h'), fieldWords('/body/approvalCost')]).toEqual([
      { en: 'Approval limit on messages in 24 hours', zh: '审批上限:24 小时消息数' },
      { en: 'Approval limit on cost', zh: '审批上限:费用' },
    ])
  })

  it("names a cloud account's fields as the clouds' consoles do, in Chinese too", () => {
    expect(fieldWords('/body/aliyun/accessKeyId')).toEqual({ en: 'AccessKey ID', zh: 'AccessKey ID' })
    expect(fieldWords('/body/tencent/signName')).toEqual({ en: 'Sign name', zh: '短信签名' })
    expect(fieldWords('/body/tencent/smsSdkAppId')).toEqual({ en: 'SMS SdkAppId', zh: '短信应用 SdkAppId' })
  })
})
