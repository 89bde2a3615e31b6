import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { suppressions } from '../../src/db/schema/index'
import { CALLBACK_URLS, useCloudCallbacks } from '../support/cloud-callbacks'
import { DATABASE_KINDS } from '../support/databases'

/**
 * Found by an outside tester: a number in full-width digits was skipped; a cloud reply without a readable time was named by "undefined" (or the
 * unreadable text), so the person's second TD, after a START, was dropped as a repeat of the first and
 * their number was left opted in; and one record whose id was an object refused the whole push.
 */
describe.each(DATABASE_KINDS)('replies without a readable time, on %s', (kind) => {
  let now = Date.parse('2026-12-04T10:00:00Z')
  const { app, push } = useCloudCallbacks(kind, { clock: () => now })
  const optedOut = async (phone: string) => (await app().database.db.select().from(suppressions).where(eq(suppressions.phone, phone))).length === 1
  const later = () => {
    now += 60_000
  }

  it.each([
    ['Tencent, no time', CALLBACK_URLS.tencentInbound, (text: string) => [{ nationcode: '86', mobile: '13812345678', text }], '+8613812345678'],
    [
      'Aliyun, an unreadable send_time and no sequence_id',
      CALLBACK_URLS.aliyunInbound,
      (content: string) => [{ phone_number: '13812345679', content, send_time: 'yesterday' }],
      '+8613812345679',
    ],
  ])('%s: TD, START, TD leaves the number opted out', async (_cloud, url, records, phone) => {
    for (const [text, expected] of [
      ['TD', true],
      ['START', false],
      ['TD', true],
    ] as const) {
      later()
      const answer = await push(url, JSON.stringify(records(text)))
      expect(answer.statusCode).toBe(200)
      expect(await optedOut(phone)).toBe(expected)
    }
  })

  it('Aliyun: a record whose sequence_id is an object does not cost the push its 退订', async () => {
    later()
    const answer = await push(
      CALLBACK_URLS.aliyunInbound,
      JSON.stringify([
        { phone_number: '13812345680', content: '退订', send_time: '2026-12-04 18:00:00', sequence_id: 's-100' },
        { phone_number: '13812345681', content: 'hi', send_time: '2026-12-04 18:00:00', sequence_id: { toString: 'x' } },
      ]),
    )
    expect([answer.statusCode, answer.json()]).toEqual([200, { code: 0, msg: '接收成功', received: 2, duplicates: 0, optedOut: 1, exited: 0 }])
    expect(await optedOut('+8613812345680')).toBe(true)
  })

  it('Aliyun: a 退订 from a number in full-width digits opts that number out', async () => {
    later()
    const answer = await push(
      CALLBACK_URLS.aliyunInbound,
      JSON.stringify([{ phone_number: '１３８１２３４５６８２', content: '退订', send_time: '2026-12-04 18:05:00', sequence_id: 's-101' }]),
    )
    expect([answer.statusCode, answer.json()]).toEqual([200, { code: 0, msg: '接收成功', received: 1, duplicates: 0, optedOut: 1, exited: 0 }])
    expect(await optedOut('+8613812345682')).toBe(true)
  })
})
