import type { SimulationResult } from '@recall/engine'
import { type JourneyDocument, type Locale, localize } from '@recall/shared'
import { localTime } from './workspace-summary'

const number = (value: number) => value.toLocaleString('en-US')

/** The readable summary `recall simulate` and the demo print. */
export function formatSimulationSummary(
  document: JourneyDocument,
  result: SimulationResult,
  meta: { start: number; seed: number; seconds: number; zoneOf?: (contactId: string) => string },
  locale: Locale,
): string[] {
  const zh = locale === 'zh-CN'
  const lines: string[] = []
  const percent = (part: number, whole: number) => (whole === 0 ? '0.0%' : `${((part / whole) * 100).toFixed(1)}%`)
  lines.push(
    zh
      ? `模拟「${document.name}」:${number(result.contacts)} 个联系人,${result.simulatedDays} 天,自 ${new Date(meta.start).toISOString()} 起(种子 ${meta.seed})`
      : `Simulated "${document.name}": ${number(result.contacts)} contacts, ${result.simulatedDays} days from ${new Date(meta.start).toISOString()} (seed ${meta.seed})`,
  )
  if (result.cancelled) lines.push(zh ? '已取消:以下为取消前的结果' : 'Cancelled: results up to the cancellation')
  lines.push(zh ? `步骤 ${number(result.steps)},耗时 ${meta.seconds.toFixed(2)} 秒` : `${number(result.steps)} steps in ${meta.seconds.toFixed(2)} s`)
  lines.push(
    zh
      ? `消息 ${number(result.messages.total)} 条(计费 ${number(result.messages.parts)} 条),预计费用 ¥${result.messages.cost.toFixed(2)}`
      : `Messages: ${number(result.messages.total)} (${number(result.messages.parts)} billed parts), estimated cost ¥${result.messages.cost.toFixed(2)}`,
  )
  lines.push(
    zh
      ? `转化 ${number(result.conversions.total)}(${percent(result.conversions.total, result.contacts)})`
      : `Conversions: ${number(result.conversions.total)} (${percent(result.conversions.total, result.contacts)})`,
  )
  lines.push('')
  const header = zh ? ['节点', '进入', '等待中', '暂缓', '发送', '跳过', '退出', '转化'] : ['node', 'entered', 'waiting', 'held', 'sent', 'skipped', 'exited', 'converted']
  const rows = document.nodes.map((node) => {
    const counts = result.nodes[node.id]
    return [node.id, ...(counts ? [counts.entered, counts.waiting, counts.held, counts.sent, counts.skipped, counts.exited, counts.converted].map(number) : [])]
  })
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column] ?? '').length)))
  for (const row of [header, ...rows])
    lines.push(row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column] ?? 0) : String(cell).padStart(widths[column] ?? 0))).join('  '))
  const section = (title: string, reasons: SimulationResult['held']) => {
    if (reasons.length === 0) return
    lines.push('', title)
    for (const reason of reasons.slice(0, 8)) lines.push(`  ${number(reason.count).padStart(8)} × ${localize(reason.message, locale)}`)
  }
  section(zh ? '暂缓原因' : 'Held', result.held)
  section(zh ? '跳过原因' : 'Skipped', result.skipped)
  section(zh ? '退出原因' : 'Exits', result.exits)
  if (result.conversions.byVariant.length > 0) {
    lines.push('', zh ? 'A/B 分组' : 'A/B variants')
    for (const variant of result.conversions.byVariant)
      lines.push(`  ${variant.nodeId} ${variant.variantId}: ${number(variant.contacts)} → ${number(variant.converted)} (${percent(variant.converted, variant.contacts)})`)
  }
  lines.push('', zh ? '每日消息' : 'Messages per day')
  for (const day of result.messages.byDay) lines.push(`  ${day.date}  ${number(day.messages).padStart(7)}  ${number(day.parts).padStart(7)}  ¥${day.cost.toFixed(2)}`)
  const zoneOf = meta.zoneOf
  if (zoneOf && result.messages.sample.length > 0) {
    lines.push('', zh ? '最早的消息(时间为联系人所在时区)' : "First messages (times in the contact's own zone)")
    for (const message of result.messages.sample) lines.push(`  ${localTime(message.at, zoneOf(message.contactId))}  ${message.contactId}  ${message.nodeId}`)
  }
  return lines
}
