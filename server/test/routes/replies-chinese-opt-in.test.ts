import { describe, expect, it } from 'vitest'
import { DATABASE_KINDS } from '../support/databases'
import { useOptOutApp } from '../support/opt-out-harness'

const NOW = Date.parse('2026-12-03T10:00:00+08:00')
const MINUTE = 60_000

// Found by an outside tester: 开始, 恢复订阅 and 重新订阅 after a TD left the number opted out.
describe.each(DATABASE_KINDS)('a Chinese opt-in after the person’s own TD lifts it, on %s', (kind) => {
  const { app, reply, imported } = useOptOutApp(kind, NOW)
  const listed = async (phone: string) =>
    ((await app().inject({ method: 'GET', url: '/api/replies' })).json().replies as Record<string, unknown>[])
      .filter((row) => row.phone === phone)
      .reverse()
      .map(({ text, suppressed, action }) => ({ text, suppressed, action }))

  it.each([
    ['开始', '+8613977760001'],
    ['恢复订阅', '+8613977760002'],
    ['重新订阅', '+8613977760003'],
  ])('%s', async (text, phone) => {
    await imported(`CN-IN-${phone.slice(-1)}`, phone)
    await reply(phone, 'TD', NOW - 30 * MINUTE)
    await reply(phone, '什么时候开始发货', NOW - 20 * MINUTE)
    await reply(phone, text, NOW - 10 * MINUTE)
    expect(await listed(phone)).toEqual([
      { text: 'TD', suppressed: false, action: 'opted_out' },
      { text: '什么时候开始发货', suppressed: false, action: null },
      { text, suppressed: false, action: 'opted_in' },
    ])
    const contact = (await app().inject({ method: 'GET', url: `/api/contacts/CN-IN-${phone.slice(-1)}` })).json().contact
    expect([contact.suppressed, contact.optedOutAt]).toEqual([false, null])
  })
})
