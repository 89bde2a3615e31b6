import { JOURNEY_TEMPLATES } from '@recall/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { signIn } from './support/recall-server'
import { SHOTS, useRecallInChromium } from './support/session'

interface Change {
  base: number
  changed: number
  difference: number
}

/** Each row of a table as its cells' texts. */
const cells = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((table) => [...table.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th,td')].map((cell) => cell.textContent)))
const shown = (value: number) => value.toLocaleString('en-US')
/** Yuan as the page writes them: grouped digits, two decimals ("¥1,234.50"). */
const yuan = (value: number) => `¥${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
const signed = (value: number, money = false) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${money ? yuan(Math.abs(value)) : shown(Math.abs(value))}`

describe('the Program page in Chromium', () => {
  const session = useRecallInChromium({ width: 1440, height: 1300 })

  it('simulates the live journeys with a draft, then a what-if on the daily cap, showing the server’s figures', async () => {
    const { recall, page } = session()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const headers = recall.adminHeaders
    for (const id of ['abandoned-cart', 'win-back-90-days', 'birthday']) {
      await recall.app.inject({ method: 'POST', url: '/api/journeys', headers, payload: JOURNEY_TEMPLATES.find((template) => template.id === id) })
      if (id !== 'birthday') await recall.app.inject({ method: 'POST', url: `/api/journeys/${id}/publish`, headers, payload: {} })
    }
    await signIn(page, recall.url)
    await page.getByRole('link', { name: 'Program', exact: true }).click()
    await page.getByRole('heading', { name: 'Program', exact: true }).waitFor()
    await page.locator('.program-journeys li', { hasText: 'Birthday' }).getByRole('checkbox').check()
    await page.getByLabel('Sample contacts', { exact: true }).fill('2000')
    await page.getByLabel('Start', { exact: true }).fill('2026-12-01T00:00')
    await page.getByLabel('Days', { exact: true }).fill('14')

    const run = async () => {
      const answer = page.waitForResponse((response) => response.url().endsWith('/api/program/simulations') && response.request().method() === 'POST')
      await page.getByRole('button', { name: 'Run program simulation' }).click()
      const { id } = await (await answer).json()
      await page.getByTestId('program-totals').waitFor({ timeout: 60_000 })
      await page.locator('.program progress').waitFor({ state: 'detached', timeout: 90_000 })
      return (await recall.app.inject({ method: 'GET', url: `/api/program/simulations/${id}`, headers })).json()
    }

    const plain = await run()
    expect(plain.status).toBe('done')
    expect(plain.journeys.map((journey: { id: string; version: number | null }) => [journey.id, journey.version])).toEqual([
      ['abandoned-cart', 1],
      ['win-back-90-days', 1],
      ['birthday', null],
    ])
    const total = plain.result.total
    const count = (reasons: { count: number }[]) => reasons.reduce((sum, reason) => sum + reason.count, 0)
    expect(await page.getByTestId('program-totals').textContent()).toBe(
      `2,000 contacts · ${shown(total.messages)} messages · ${shown(total.parts)} parts · cost ${yuan(total.cost)} · ${shown(count(total.held))} held · ${shown(count(total.skipped))} skipped · ${shown(total.conversions)} conversions`,
    )
    const weekly = plain.result.perContactWeekly
    expect((await cells(page, 'weekly-distribution')).slice(1).map((row) => row.slice(0, 2))).toEqual([
      ['0', shown(weekly.zero)],
      ['1', shown(weekly.one)],
      ['2', shown(weekly.two)],
      ['3+', shown(weekly.threePlus)],
    ])
    const perJourney = await cells(page, 'per-journey')
    expect(perJourney.slice(1).map((row) => [row[1], row[2]])).toEqual(
      plain.journeys.map((journey: { id: string; version: number | null }) => [
        journey.version ? `v${journey.version}` : 'draft',
        shown(plain.result.journeys[journey.id].messages.total),
      ]),
    )
    // Someone gets the most, and their timeline names the journeys.
    const top = plain.result.topContacts[0]
    expect(await page.getByTestId('top-contacts').locator('li').first().textContent()).toBe(`${top.contactId} ${top.messages} messages, ${top.busiestWeek} in the busiest week`)
    expect(await page.getByTestId('program-timeline').textContent()).toContain(top.timeline[0].journeyName)
    await page.screenshot({ path: `${SHOTS}/program-en.png`, fullPage: true })

    // What-if: two marketing or recall messages a day instead of one.
    await page.getByRole('checkbox', { name: 'What-if: also run with changed settings' }).check()
    await page.getByLabel('Cap "marketing-1d" (marketing/recall, per 1 days): at most').fill('2')
    const whatIf = await run()
    await page.getByTestId('what-if-total').waitFor()
    const comparison = whatIf.comparison.total as Record<'messages' | 'parts' | 'cost' | 'held' | 'skipped' | 'conversions', Change>
    expect(whatIf.changes).toEqual({ caps: [{ id: 'marketing-1d', limit: 2 }] })
    expect(comparison.messages.difference).toBeGreaterThan(0)
    expect((await cells(page, 'what-if-total')).slice(1, 7)).toEqual(
      (['messages', 'parts', 'cost', 'held', 'skipped', 'conversions'] as const).map((figure) => {
        const change = comparison[figure]
        const money = figure === 'cost'
        const value = (number: number) => (money ? yuan(number) : shown(number))
        return [figure[0]?.toUpperCase() + figure.slice(1), value(change.base), value(change.changed), signed(change.difference, money)]
      }),
    )
    expect(await page.getByTestId('what-if-changes').textContent()).toBe('Changed: cap "marketing-1d" at most 2')
    // The base of the what-if is the first run again: the same sample, the same settings.
    expect(comparison.messages.base).toBe(total.messages)
    await page.getByRole('region', { name: 'What-if: workspace settings compared with the changed ones' }).screenshot({ path: `${SHOTS}/program-what-if-en.png` })

    await page.getByRole('button', { name: '中文' }).click()
    await page.getByRole('heading', { name: '全局计划', exact: true }).waitFor()
    expect((await cells(page, 'what-if-total'))[1]?.[0]).toBe('消息数')
    // The page scrolled to the comparison: back to the top for the whole page.
    await page.locator('main.page').evaluate((main) => main.scrollTo(0, 0))
    await page.screenshot({ path: `${SHOTS}/program-zh.png`, fullPage: true })
    await page.getByRole('region', { name: '假设分析:当前设置与修改后设置对比' }).screenshot({ path: `${SHOTS}/program-what-if-zh.png` })
    expect(errors).toEqual([])
  }, 240_000)
})
