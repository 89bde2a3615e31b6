import { fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { useLocaleStore } from '../src/app/locale'
import { SimulationPanel } from '../src/simulation/SimulationPanel'
import { useSimulation } from '../src/simulation/store'
import { simulationResult } from './helpers'

const queued = { en: 'SMS queued: waiting until 19:40 America/New_York', zh: '短信已排队:等待至 19:40(America/New_York)' }
/** One instant, 2026-12-03 19:40:38 in New York: 12-04 08:40:38 in Shanghai. */
const AT = Date.parse('2026-12-04T00:40:38Z')
const RESULT = simulationResult({
  contacts: 2,
  simulatedDays: 1,
  timelines: {
    'demo-ny': [{ at: AT, nodeId: 'reminder', kind: 'sent', message: queued }],
    'demo-sh': [{ at: AT, nodeId: 'reminder', kind: 'sent', message: { en: 'sent SMS', zh: '已发送短信' } }],
  },
  timeZones: { 'demo-ny': 'America/New_York', 'demo-sh': 'Asia/Shanghai' },
})
const REQUEST = {
  count: 2,
  zoneMix: 'mixed',
  vipShare: 0.2,
  clickRate: 0.3,
  orderRate: 0.1,
  redeemRate: 0.1,
  start: '2026-12-03T00:00:00Z',
  days: 1,
  source: 'generated',
  compareLive: false,
} as const

const shown = () => [screen.getByTestId('simulated-timeline').previousElementSibling?.textContent, screen.getByTestId('simulated-timeline').textContent]

describe('a sample contact’s timeline in the simulation panel', () => {
  afterEach(() => useSimulation.setState({ run: undefined, request: undefined }))

  it('reads each contact’s times on that contact’s clock and names the zone', () => {
    useLocaleStore.setState({ locale: 'en' })
    useSimulation.setState({ run: { id: 'r', status: 'done', progress: 1, result: RESULT }, request: REQUEST })
    render(<SimulationPanel />)
    expect(shown()).toEqual(['Times in the contact’s time zone, America/New_York', '12/3/2026, 7:40:38 PM reminder SMS queued: waiting until 19:40 America/New_York'])
    fireEvent.change(screen.getByRole('combobox', { name: 'A sample contact’s timeline' }), { target: { value: 'demo-sh' } })
    expect(shown()).toEqual(['Times in the contact’s time zone, Asia/Shanghai', '12/4/2026, 8:40:38 AM reminder sent SMS'])
  })

  it('does so in Chinese', () => {
    useLocaleStore.setState({ locale: 'zh-CN' })
    useSimulation.setState({ run: { id: 'r', status: 'done', progress: 1, result: RESULT }, request: REQUEST })
    render(<SimulationPanel />)
    expect(shown()).toEqual(['时间按联系人所在时区 America/New_York 显示', '2026/12/3 19:40:38 reminder 短信已排队:等待至 19:40(America/New_York)'])
  })
})
