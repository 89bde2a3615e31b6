import { fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { ProgramPage } from '../src/pages/ProgramPage'
import { type ProgramResult, type ProgramRun, useProgram } from '../src/program/store'

const day = (date: string, messages: number) => ({ date, messages, parts: messages, cost: messages * 0.05 })
const figures = (id: string, name: string, messages: number, held: number, skipped: number, conversions: number, byDay: ReturnType<typeof day>[]) => ({
  id,
  name,
  contacts: 1000,
  messages: { total: messages, parts: messages + 10, cost: (messages + 10) * 0.05, byDay },
  held: held ? [{ code: 'quiet_hours', count: held, message: { en: 'held: outside 08:00–21:00', zh: '暂缓:不在 08:00–21:00 内' } }] : [],
  skipped: skipped
    ? [{ code: 'cap:recall-30d', count: skipped, message: { en: 'skipped: recall cap, used by journey Win-back', zh: '跳过:召回上限,已被旅程 Win-back 用完' } }]
    : [],
  conversions: { total: conversions },
})
const BASE: ProgramResult = {
  contacts: 1000,
  simulatedDays: 7,
  cancelled: false,
  journeys: {
    cart: figures('cart', 'Abandoned cart', 300, 12, 0, 25, [day('2026-12-01', 200), day('2026-12-02', 100)]),
    winback: figures('winback', 'Win-back', 450, 0, 38, 17, [day('2026-12-01', 250), day('2026-12-03', 200)]),
  },
  total: {
    messages: 750,
    parts: 770,
    cost: 38.5,
    byDay: [day('2026-12-01', 450), day('2026-12-02', 100), day('2026-12-03', 200)],
    held: [{ code: 'quiet_hours', count: 12, message: { en: 'held: outside 08:00–21:00', zh: '暂缓:不在 08:00–21:00 内' } }],
    skipped: [{ code: 'cap:recall-30d', count: 38, message: { en: 'skipped: recall cap, used by journey Win-back', zh: '跳过:召回上限,已被旅程 Win-back 用完' } }],
    conversions: 42,
  },
  perContactWeekly: { zero: 400, one: 350, two: 200, threePlus: 50 },
  topContacts: [
    {
      contactId: 'C-0007',
      timeZone: 'Asia/Shanghai',
      messages: 4,
      busiestWeek: 3,
      timeline: [
        {
          at: Date.parse('2026-12-01T02:00:00Z'),
          nodeId: 'reminder',
          kind: 'send',
          message: { en: 'sent SMS', zh: '已发送短信' },
          journeyId: 'cart',
          journeyName: 'Abandoned cart',
        },
        {
          at: Date.parse('2026-12-02T03:30:00Z'),
          nodeId: 'recall-sms',
          kind: 'send',
          message: { en: 'sent SMS', zh: '已发送短信' },
          journeyId: 'winback',
          journeyName: 'Win-back',
        },
      ],
    },
    { contactId: 'C-0042', timeZone: 'Europe/London', messages: 3, busiestWeek: 3, timeline: [] },
  ],
}
const change = (base: number, changed: number) => ({ base, changed, difference: Math.round((changed - base) * 100) / 100 })
const RUN: ProgramRun = {
  id: 'p1',
  status: 'done',
  progress: 1,
  journeys: [
    { id: 'cart', name: 'Abandoned cart', version: 2 },
    { id: 'winback', name: 'Win-back', version: null },
  ],
  result: BASE,
  changes: { caps: [{ id: 'recall-30d', limit: 3 }], quietHoursWindow: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:00' }] },
  comparison: {
    total: {
      messages: change(750, 788),
      parts: change(770, 808),
      cost: change(38.5, 40.4),
      held: change(12, 12),
      skipped: change(38, 0),
      conversions: change(42, 45),
    },
    perContactWeekly: { zero: change(400, 400), one: change(350, 350), two: change(200, 170), threePlus: change(50, 80) },
    journeys: [],
  },
}
const REQUEST = {
  count: 1000,
  zoneMix: 'china' as const,
  vipShare: 0.2,
  clickRate: 0.3,
  orderRate: 0.1,
  redeemRate: 0.1,
  start: '2026-12-01T00:00:00.000Z',
  days: 7,
  source: 'generated' as const,
  drafts: ['winback'],
}

function answering(routes: Record<string, unknown>, posts: { url: string; body: unknown }[] = []) {
  return vi.fn((url: string, init?: RequestInit) => {
    if (init?.method === 'POST') {
      posts.push({ url, body: JSON.parse(String(init.body)) })
      return Promise.resolve(new Response(JSON.stringify({ ...RUN, status: 'running', progress: 0, result: undefined, comparison: undefined }), { status: 202 }))
    }
    const key = Object.keys(routes).find((path) => url.endsWith(path))
    return Promise.resolve(new Response(JSON.stringify(key ? routes[key] : {}), { status: 200 }))
  })
}
const LISTS = {
  '/journeys': {
    journeys: [
      { id: 'cart', name: 'Abandoned cart', status: 'live', liveVersion: 2, updatedAt: '2026-11-30T00:00:00Z', activeContacts: 0, schedule: null, tags: [] },
      { id: 'winback', name: 'Win-back', status: 'draft', liveVersion: null, updatedAt: '2026-11-30T00:00:00Z', activeContacts: 0, schedule: null, tags: [] },
    ],
  },
  '/settings/policies': { caps: [{ id: 'recall-30d', categories: ['recall'], limit: 2, window: { amount: 30, unit: 'days' } }], dailyMessageCeiling: 3 },
  '/segments': { segments: [] },
  // No control group: the page's uplift section shows only its hint.
  '/program/control-group': { controlGroupPercent: 0, journeys: [], overall: {}, mixedContacts: 0 },
}

describe('the Program page', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    useProgram.setState({ run: undefined, request: undefined, cancelling: false })
  })

  it('shows the totals, journeys, reasons, the weekly distribution and the most-messaged contacts with the exact figures', () => {
    useLocaleStore.setState({ locale: 'en' })
    vi.stubGlobal('fetch', answering(LISTS))
    useProgram.setState({ run: { ...RUN, comparison: undefined }, request: REQUEST })
    render(<ProgramPage />)
    expect(screen.getByTestId('program-totals').textContent).toBe('1,000 contacts · 750 messages · 770 parts · cost ¥38.50 · 12 held · 38 skipped · 42 conversions')
    const rows = within(screen.getByTestId('per-journey'))
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('th,td')].map((cell) => cell.textContent))
    expect(rows).toEqual([
      ['Journey', 'Version', 'Messages', 'Parts', 'Cost', 'Held', 'Skipped', 'Conversions'],
      ['Abandoned cart', 'v2', '300', '310', '¥15.50', '12', '0', '25'],
      ['Win-back', 'draft', '450', '460', '¥23.00', '0', '38', '17'],
    ])
    const distribution = within(screen.getByTestId('weekly-distribution'))
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))
    expect(distribution.slice(1)).toEqual([
      ['0', '400', '40.0%'],
      ['1', '350', '35.0%'],
      ['2', '200', '20.0%'],
      ['3+', '50', '5.0%'],
    ])
    expect(screen.getByText('skipped: recall cap, used by journey Win-back').parentElement?.textContent).toBe('38 skipped: recall cap, used by journey Win-back')
    expect(screen.getByTestId('top-contacts').textContent).toBe('C-0007 4 messages, 3 in the busiest weekC-0042 3 messages, 3 in the busiest week')
    expect(screen.getByTestId('program-timeline').textContent).toBe('12/1/2026, 10:00:00 AM Abandoned cart reminder sent SMS12/2/2026, 11:30:00 AM Win-back recall-sms sent SMS')
    // Three days of the week have bars: the 1st stacks both journeys.
    expect(document.querySelectorAll('.program-chart rect')).toHaveLength(4)
  })

  it('compares the changed settings side by side, in Chinese', () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    vi.stubGlobal('fetch', answering(LISTS))
    useProgram.setState({ run: RUN, request: REQUEST })
    render(<ProgramPage />)
    const rows = within(screen.getByTestId('what-if-total'))
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('th,td')].map((cell) => cell.textContent))
    expect(rows).toEqual([
      ['指标', '当前设置', '修改后', '差异'],
      ['消息数', '750', '788', '+38'],
      ['计费条数', '770', '808', '+38'],
      ['费用', '¥38.50', '¥40.40', '+¥1.90'],
      ['暂缓', '12', '12', '±0'],
      ['跳过', '38', '0', '−38'],
      ['转化', '42', '45', '+3'],
      ['一周收到 0 条的联系人', '400', '400', '±0'],
      ['一周收到 1 条的联系人', '350', '350', '±0'],
      ['一周收到 2 条的联系人', '200', '170', '−30'],
      ['一周收到 3+ 条的联系人', '50', '80', '+30'],
    ])
    expect(screen.getByTestId('what-if-changes').textContent).toBe('修改内容: 频次上限"recall-30d"最多 3 条 · 允许发送时段 09:00–20:00')
  })

  it('says "1 message" in the weekly rows, in English', () => {
    useLocaleStore.setState({ locale: 'en' })
    vi.stubGlobal('fetch', answering(LISTS))
    useProgram.setState({ run: RUN, request: REQUEST })
    render(<ProgramPage />)
    const labels = within(screen.getByTestId('what-if-total'))
      .getAllByRole('row')
      .slice(-4)
      .map((row) => row.querySelector('th,td')?.textContent)
    expect(labels).toEqual(['Contacts with 0 messages in a week', 'Contacts with 1 message in a week', 'Contacts with 2 messages in a week', 'Contacts with 3+ messages in a week'])
  })

  it('groups the digits of costs as the simulation panel does, in the totals, the journeys and the what-if, in English and Chinese', () => {
    // A month of a large program: costs in the thousands read "¥12,345.60", not "¥12345.60".
    const big = (figures: ProgramResult['journeys'][string], cost: number) => ({ ...figures, messages: { ...figures.messages, cost } })
    const result: ProgramResult = {
      ...BASE,
      journeys: { cart: big(BASE.journeys.cart as ProgramResult['journeys'][string], 4321.5), winback: big(BASE.journeys.winback as ProgramResult['journeys'][string], 8024.1) },
      total: { ...BASE.total, cost: 12345.6 },
    }
    const comparison = {
      ...RUN.comparison,
      total: { ...(RUN.comparison as NonNullable<ProgramRun['comparison']>).total, cost: change(12345.6, 13579.25) },
    } as ProgramRun['comparison']
    vi.stubGlobal('fetch', answering(LISTS))
    useProgram.setState({ run: { ...RUN, result, comparison }, request: REQUEST })
    const costs = () => ({
      totals: screen.getByTestId('program-totals').textContent,
      journeys: within(screen.getByTestId('per-journey'))
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.querySelectorAll('td')[4]?.textContent),
      whatIf: [...(within(screen.getByTestId('what-if-total')).getAllByRole('row')[3]?.querySelectorAll('td') ?? [])].map((cell) => cell.textContent),
    })
    useLocaleStore.setState({ locale: 'en' })
    const { unmount } = render(<ProgramPage />)
    expect(costs()).toEqual({
      totals: '1,000 contacts · 750 messages · 770 parts · cost ¥12,345.60 · 12 held · 38 skipped · 42 conversions',
      journeys: ['¥4,321.50', '¥8,024.10'],
      whatIf: ['¥12,345.60', '¥13,579.25', '+¥1,233.65'],
    })
    unmount()
    useLocaleStore.setState({ locale: 'zh-CN' })
    render(<ProgramPage />)
    expect(costs()).toEqual({
      totals: '1,000 位联系人 · 750 条消息 · 770 条计费短信 · 费用 ¥12,345.60 · 12 暂缓 · 38 跳过 · 42 次转化',
      journeys: ['¥4,321.50', '¥8,024.10'],
      whatIf: ['¥12,345.60', '¥13,579.25', '+¥1,233.65'],
    })
  })

  it('sends the chosen drafts and only the changed settings, then shows the run in progress with Cancel', async () => {
    useLocaleStore.setState({ locale: 'en' })
    const posts: { url: string; body: unknown }[] = []
    vi.stubGlobal('fetch', answering(LISTS, posts))
    render(<ProgramPage />)
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Include the draft' }))
    fireEvent.click(screen.getByRole('checkbox', { name: 'What-if: also run with changed settings' }))
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Cap "recall-30d" (recall, per 30 days): at most' }), { target: { value: '3' } })
    // The ceiling box starts at the workspace's value, and unchanged it is not sent.
    expect((screen.getByRole('spinbutton', { name: 'Messages per contact per 24 hours, at most' }) as HTMLInputElement).value).toBe('3')
    fireEvent.click(screen.getByRole('button', { name: 'Run program simulation' }))
    await screen.findByRole('button', { name: 'Cancel' })
    expect(posts).toHaveLength(1)
    expect(posts[0]?.url).toBe('/api/program/simulations')
    expect(posts[0]?.body).toMatchObject({ drafts: ['winback'], count: 5000, days: 30, source: 'generated', changes: { caps: [{ id: 'recall-30d', limit: 3 }] } })
    expect(Object.keys((posts[0]?.body as { changes?: object } | undefined)?.changes ?? {})).toEqual(['caps'])
    expect((screen.getByRole('button', { name: 'Run program simulation' }) as HTMLButtonElement).disabled).toBe(true)
  })
})
