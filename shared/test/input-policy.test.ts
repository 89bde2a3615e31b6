import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { forbiddenKeyIn, hasUnsafeCharacters, isShortLinkBase, JOURNEY_TEMPLATES, type JourneyDocument, nestedDeeperThan, schemaProblems, validateJourney } from '../src/index'
import { minimalJourney, nodeById } from './fixtures'

describe('the input policy', () => {
  it('refuses a javascript: link on a send node, with the node and field, in both languages', () => {
    const journey = minimalJourney()
    nodeById(journey, 'sms', 'send_sms').data.linkUrl = 'javascript:alert(document.cookie)'
    const problems = validateJourney(journey).problems
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'link.not_web',
        nodeId: 'sms',
        path: '/nodes/2/data/linkUrl',
        message: { en: 'The link must start with http:// or https://', zh: '链接地址必须以 http:// 或 https:// 开头' },
      }),
    ])
    nodeById(journey, 'sms', 'send_sms').data.linkUrl = 'https://shop.example.com/coupons'
    expect(validateJourney(journey).problems).toEqual([])
  })

  it('refuses MMS media that is neither uploaded nor an http(s) address, naming the slide', () => {
    const birthday = structuredClone(JOURNEY_TEMPLATES.find((template) => template.id === 'birthday')) as JourneyDocument
    const mms = nodeById(birthday, 'birthday-mms', 'send_mms')
    const media = mms.data.slides[0]?.media as { url: string }
    for (const url of ['https://cdn.example.com/card.jpg', '/api/media/abc123']) {
      media.url = url
      expect(validateJourney(birthday).problems).toEqual([])
    }
    media.url = 'javascript:alert(document.cookie)'
    expect(validateJourney(birthday).problems).toEqual([
      expect.objectContaining({
        code: 'mms.media_url',
        nodeId: 'birthday-mms',
        message: expect.objectContaining({ en: 'Slide 1: the media must be uploaded or an http(s) address' }),
      }),
    ])
  })

  it('accepts date-times only in the years 1970–2100 and only when the clock can hold them', () => {
    const schema = Type.Object({ occurredAt: Type.String({ format: 'date-time' }) })
    expect(schemaProblems(schema, { occurredAt: '2026-11-24T10:00:00+08:00' }, '/body')).toEqual([])
    for (const occurredAt of ['0000-01-01T00:00:00Z', '9999-12-31T23:59:60Z', '1969-12-31T23:59:59Z', '2101-01-01T00:00:00Z']) {
      expect(schemaProblems(schema, { occurredAt }, '/body')).toEqual([
        expect.objectContaining({
          path: '/body/occurredAt',
          message: {
            en: 'Time of the event must be a date and time (ISO 8601, e.g. 2026-11-24T10:00:00+08:00) between 1970 and 2100',
            zh: '事件时间必须是 1970 至 2100 年之间的日期时间(ISO 8601,例如 2026-11-24T10:00:00+08:00)',
          },
        }),
      ])
    }
  })

  it('finds NUL and lone surrogates but not paired ones, and nesting past a limit at any depth', () => {
    expect(['a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800'].map(hasUnsafeCharacters)).toEqual([true, true, true, true])
    expect(['😀', '退订', ''].map(hasUnsafeCharacters)).toEqual([false, false, false])
    const deep = JSON.parse(`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`)
    expect([nestedDeeperThan(deep, 32), nestedDeeperThan({ a: { b: [1] } }, 3), nestedDeeperThan({ a: { b: [1] } }, 2)]).toEqual([true, false, true])
  })

  it('finds a field named for the prototype as secure-json-parse does, and lets constructor and prototype be plain names', () => {
    const parsed = [
      '{"__proto__":1}',
      '{"\\u005f_proto__":{}}',
      '{"constructor":{"prototype":{}}}',
      '{"constructor":"x","prototype":{"a":1}}',
      '{"constructor":{"name":"x"}}',
      '[]',
    ]
    expect(parsed.map((text) => forbiddenKeyIn(JSON.parse(text)))).toEqual(['__proto__', '__proto__', 'constructor/prototype', undefined, undefined, undefined])
    // Only own fields: every object inherits a constructor, whose prototype is no field of the data.
    expect([forbiddenKeyIn({}), forbiddenKeyIn(new Date())]).toEqual([undefined, undefined])
  })
})

describe('the short link address', () => {
  const schema = Type.Object({ shortLinkBase: Type.String({ format: 'short-link-base' }) })

  it('takes an http(s) address with a host, and nothing a link cannot be built on', () => {
    const accepted = ['https://rcl.to', 'http://rcl.to', 'HTTPS://s.example.cn/go', 'http://localhost:8080', 'https://短.中国']
    const refused = [
      'javascript:alert(1)//',
      'ftp://x',
      'http://',
      'https://',
      'https://rcl.to/',
      'https://u:p@rcl.to',
      'https://rcl.to?x=1',
      'https://rcl.to#a',
      'https://rc l.to',
      'rcl.to',
      '',
    ]
    expect(accepted.filter(isShortLinkBase)).toEqual(accepted)
    expect(refused.filter(isShortLinkBase)).toEqual([])
  })

  it('is refused by the schema naming the field and the rule, in both languages', () => {
    expect(schemaProblems(schema, { shortLinkBase: 'javascript:alert(1)//' }, '/body').map((problem) => [problem.path, problem.message])).toEqual([
      [
        '/body/shortLinkBase',
        {
          en: 'Short link address must be a web address starting with http:// or https:// and a host, without a user name, "?", "#" or a "/" at the end, e.g. https://rcl.to',
          zh: '短链接地址必须是以 http:// 或 https:// 开头并带有域名的网址,不能包含用户名、"?"、"#",也不能以"/"结尾,例如 https://rcl.to',
        },
      ],
    ])
  })
})
