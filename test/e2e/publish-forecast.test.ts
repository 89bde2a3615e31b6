import type { JourneyDocument } from '@recall/shared'
import { describe, expect, it } from 'vitest'
import { edge, lapsedJourney, node } from '../../server/test/support/lapsed-journey'
import { signIn } from './support/recall-server'
import { SHOTS, useRecallInChromium } from './support/session'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Live: first touch, three days' wait, second touch. */
const live: JourneyDocument = lapsedJourney({ id: 'hold-3-days', amount: 3, unit: 'days' }, { name: 'Lapsed buyers · 流失召回', x: 280, y: 80 })
/** The draft waits two days instead (a new node) and says more in the second touch: two SMS parts. */
const draft: JourneyDocument = {
  ...live,
  nodes: [
    ...live.nodes.filter((candidate) => !['hold-3-days', 'second'].includes(candidate.id)),
    node('wait-2-days', 'wait', 560, { mode: 'duration', duration: { amount: 2, unit: 'days' } }, 80),
    node(
      'second',
      'send_sms',
      840,
      {
        text: '九折券明天到期,全场新品同享,会员再叠加积分双倍,门店与线上通用,点击查看您的专属优惠与到期时间,过期不补,感谢您一直以来的支持',
        category: 'recall',
      },
      80,
    ),
  ],
  edges: [edge('start', 'first'), edge('first', 'wait-2-days'), edge('wait-2-days', 'second'), edge('second', 'end')],
}

const ids = Array.from({ length: 400 }, (_, index) => `F-${index + 1}`)
const now = Date.parse('2026-12-01T11:15:00+08:00')

describe('the publish dialog forecast', () => {
  let clock = now - 2 * DAY - HOUR
  const session = useRecallInChromium({ width: 1440, height: 1000 }, { clock: () => clock })

  it('forecasts a changed draft of a live journey from its live state, in English and Chinese', async () => {
    const { recall, page } = session()
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      recall.app.inject({ method, url, headers: recall.adminHeaders, ...(payload === undefined ? {} : { payload: payload as object }) })
    await call('POST', '/api/journeys', live)
    await call('POST', '/api/journeys/lapsed/publish', { note: 'First version' })
    await call(
      'POST',
      '/api/contacts/import',
      ids.map((id, index) => ({ id, phone: `137${String(10_000_000 + index)}`, consent: true })),
    )
    // Entered two days and an hour ago: they got the first touch and wait at hold-3-days until 23 hours from now.
    await call(
      'POST',
      '/api/events',
      ids.map((contactId) => ({ contactId, name: 'visit' })),
    )
    await recall.app.runner.processDue()
    // Two hours after the first touch 60 of them ordered (the goal): they leave, and the forecast replays that 15%.
    clock = now - 2 * DAY + HOUR
    await call(
      'POST',
      '/api/events',
      ids.slice(0, 60).map((contactId) => ({ contactId, name: 'order_completed' })),
    )
    await recall.app.runner.processDue()
    clock = now
    await call('PUT', '/api/journeys/lapsed/draft', draft)

    await signIn(page, recall.url)
    await page.goto(`${recall.url}/#/journeys/lapsed`)
    await page.waitForSelector('[data-node-id="wait-2-days"]')
    await page.getByRole('button', { name: 'Publish', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Publish' })
    const forecast = dialog.getByRole('region', { name: 'Forecast: the next 14 days' })
    await forecast.getByRole('table').waitFor({ timeout: 120_000 })
    expect(await forecast.getByText(/contacts in flight now/).textContent()).toBe('340 contacts in flight now; new entries at last week’s rate: 57.14 a day')
    expect(await forecast.getByRole('listitem').allTextContents()).toEqual(['340 hold-3-days Wait: Wait 3 days'])
    const rows = await forecast.locator('tbody tr').evaluateAll((found) => found.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent)))
    const body = (await call('GET', '/api/journeys/lapsed/forecast?days=14&migrate=false')).json()
    const money = (value: number) => `¥${value.toFixed(2)}`
    expect(rows[0]).toEqual(['Messages', body.proposed.messages.toLocaleString('en'), body.current.messages.toLocaleString('en'), expect.any(String)])
    expect(rows[2]).toEqual(['Cost', money(body.proposed.cost), money(body.current.cost), expect.stringContaining(money(Math.abs(body.difference.cost)))])
    // The 340 in flight stay on v1 and get its one-part second touch within 24 hours; 800 new contacts get the draft's two-part one.
    expect([body.inFlight, body.current.next24hMessages >= 340, body.proposed.parts > body.current.parts, body.proposed.conversions > 0]).toEqual([340, true, true, true])
    expect(rows[4]).toEqual(['Conversions', String(body.proposed.conversions), String(body.current.conversions), expect.any(String)])
    await dialog.screenshot({ path: `${SHOTS}/publish-forecast-en.png` })

    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('button', { name: '中文' }).click()
    await page.getByRole('button', { name: '发布', exact: true }).click()
    const zh = page.getByRole('dialog', { name: '发布' }).getByRole('region', { name: '预测:未来 14 天' })
    await zh.getByRole('table').waitFor({ timeout: 120_000 })
    expect(await zh.getByRole('listitem').allTextContents()).toEqual(['340 hold-3-days 等待:等待 3 天'])
    await page.getByRole('dialog', { name: '发布' }).screenshot({ path: `${SHOTS}/publish-forecast-zh.png` })
  }, 240_000)
})
