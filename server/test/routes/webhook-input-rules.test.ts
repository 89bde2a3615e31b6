import { describe, expect, it } from 'vitest'
import { inboundMessages, suppressions } from '../../src/db/schema/index'
import { ALIYUN_ACCOUNT as ALIYUN } from '../support/cloud-accounts'
import { CALLBACK_URLS, useCloudCallbacks } from '../support/cloud-callbacks'
import { DATABASE_KINDS } from '../support/databases'

const INBOUND = CALLBACK_URLS.aliyunInbound
const reply = (phone: string, sequence: number) => `{"phone_number":"${phone}","send_time":"2026-11-25 10:01:00","content":"T","sequence_id":${sequence}}`

/** A provider's callback, kept as text for its signature, is held to the input rules every other route keeps. */
describe.each(DATABASE_KINDS)('input rules on webhook routes on %s', (kind) => {
  const { app, push } = useCloudCallbacks(kind)
  const recorded = async () => [(await app().database.db.select().from(inboundMessages)).length, (await app().database.db.select().from(suppressions)).length]
  const problemsOf = (answer: Awaited<ReturnType<typeof push>>) =>
    answer.json().problems.map((problem: { code: string; path: string; text: string }) => [problem.code, problem.path, problem.text])

  it('refuses a field named "__proto__" in a signed push as input.forbidden_key at its path, whatever the Content-Type says, and records nothing', async () => {
    const poisoned = `[${reply('13800138010', 501)},{"phone_number":"13800138011","content":"T","sequence_id":502,"__proto__":{"content":"START"}}]`
    for (const contentType of ['application/json', 'text/plain']) {
      const answer = await push(INBOUND, poisoned, { 'content-type': contentType })
      expect([answer.statusCode, answer.json().error]).toEqual([400, 'invalid_request'])
      expect(problemsOf(answer)).toEqual([
        [
          'input.forbidden_key',
          '/body/1/__proto__',
          "/body/1/__proto__ is a name JavaScript reserves for an object's prototype (__proto__, or prototype inside constructor), so it cannot name a field; rename it",
        ],
      ])
    }
    const zh = await push(INBOUND, `[{"constructor":{"prototype":{"content":"T"}}}]`, { 'accept-language': 'zh-CN' })
    expect(problemsOf(zh)).toEqual([
      [
        'input.forbidden_key',
        '/body/0/constructor/prototype',
        '/body/0/constructor/prototype 是 JavaScript 中表示对象原型的保留名称(__proto__,或 constructor 中的 prototype),不能用作字段名;请重命名',
      ],
    ])
    expect(await recorded()).toEqual([0, 0])
  })

  it('refuses a key given twice in one record, which JSON would settle silently for the last', async () => {
    const answer = await push(INBOUND, `[{"phone_number":"13800138012","content":"T","content":"START","sequence_id":503}]`)
    expect([answer.statusCode, ...problemsOf(answer)]).toEqual([
      400,
      ['input.duplicate_key', '/body/0/content', '/body/0/content is given twice in one object, and JSON would keep only the last value; give it once'],
    ])
    expect(await recorded()).toEqual([0, 0])
  })

  it('refuses a token given twice as query.repeated at /querystring/token, in English and Chinese, and takes one given once beside other parameters', async () => {
    const twice = `/api/webhooks/sms/aliyun/inbound?token=${ALIYUN.callbackToken}&token=guess`
    const en = await push(twice, `[${reply('13800138013', 504)}]`)
    expect([en.statusCode, en.json().error, ...problemsOf(en)]).toEqual([
      400,
      'invalid_request',
      ['query.repeated', '/querystring/token', 'Callback token was given 2 times (token=…&token=…); give it once'],
    ])
    const zh = await push(twice.replace('/inbound', '/status'), '[]', { 'accept-language': 'zh-CN' })
    expect([zh.statusCode, ...problemsOf(zh)]).toEqual([400, ['query.repeated', '/querystring/token', '回调令牌出现了 2 次(token=…&token=…);只能提供一次']])
    expect(await recorded()).toEqual([0, 0])
    const once = await push(`${INBOUND}&source=console`, `[${reply('13800138014', 505)}]`)
    expect([once.statusCode, once.json().received, once.json().optedOut]).toEqual([200, 1, 1])
  })
})
