import { contactTimeZone, defaultPolicies, toLocal } from '@recall/engine'
import { formatMinutes, hasErrors, JOURNEY_TEMPLATES, type Locale, localize, validateJourney } from '@recall/shared'
import { generateSampleContacts } from '../demo/sample-contacts'
import { simulateInParallel } from '../simulation/parallel'
import type { CliIo } from './commands'
import { formatSimulationSummary } from './simulation-summary'

/** Clicks within a day of a message, some orders and redemptions: the playbook's realistic rates. */
export const DEMO_BEHAVIOURS = [
  {
    reactions: [
      { event: 'link_clicked', probability: 0.3, delayHours: [0, 24] as [number, number] },
      { event: 'order_placed', probability: 0.1, delayHours: [2, 48] as [number, number] },
      { event: 'coupon_redeemed', probability: 0.1, delayHours: [1, 48] as [number, number] },
    ],
  },
]

function formatLocal(at: number, timeZone: string): string {
  const local = toLocal(at, timeZone)
  return `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')} ${formatMinutes(local.minutes)}`
}

/**
 * What `npx pnpm start` shows until the server and editor exist: every template validated, then the
 * 90-day win-back simulated over generated Chinese sample contacts, with one contact's timeline.
 */
export async function demoCommand(args: string[], locale: Locale, io: CliIo): Promise<number> {
  const flag = args.indexOf('--contacts')
  const count = flag >= 0 ? Number(args[flag + 1]) : 5000
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
    io.stderr(locale === 'zh-CN' ? '--contacts 必须是 1 到 1,000,000 之间的整数' : '--contacts must be a whole number from 1 to 1,000,000')
    return 2
  }
  io.stdout(locale === 'zh-CN' ? 'Recall 演示 · 旅程模板' : 'Recall demo · journey templates')
  for (const template of JOURNEY_TEMPLATES) {
    const { problems } = validateJourney(template)
    io.stdout(`  ${hasErrors(problems) ? '✗' : '✓'} ${template.name} (${template.nodes.length} nodes)`)
  }
  const start = Date.parse('2026-11-02T20:30:00+08:00')
  const contacts = generateSampleContacts({ count, seed: 2026, now: start })
  const journey = JOURNEY_TEMPLATES.find((template) => template.id === 'win-back-90-days')
  if (!journey) return 1
  const contactId = contacts[1]?.id ?? ''
  const started = performance.now()
  const result = await simulateInParallel(journey, contacts, {
    start,
    days: 30,
    seed: 1,
    policies: defaultPolicies(),
    behaviours: DEMO_BEHAVIOURS,
    entrySpreadHours: 2,
    timelineContactIds: [contactId],
  })
  io.stdout('')
  for (const line of formatSimulationSummary(journey, result, { start, seed: 1, seconds: (performance.now() - started) / 1000 }, locale)) io.stdout(line)
  const contact = contacts[1]
  const timeZone = contact ? contactTimeZone(contact, 'Asia/Shanghai') : 'Asia/Shanghai'
  io.stdout('')
  io.stdout(
    locale === 'zh-CN' ? `联系人时间线:${contact?.attributes.name}(${contact?.phone},${timeZone})` : `Timeline of ${contact?.attributes.name} (${contact?.phone}, ${timeZone})`,
  )
  for (const entry of result.timelines[contactId] ?? []) io.stdout(`  ${formatLocal(entry.at, timeZone)}  ${(entry.nodeId ?? '').padEnd(22)} ${localize(entry.message, locale)}`)
  return 0
}
