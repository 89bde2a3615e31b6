import { type FigureChange, isoWithOffset, type WorkspaceComparison, type WorkspaceSimulationResult } from '@recall/engine'
import { type Locale, localize, type ReasonCount } from '@recall/shared'

const number = (value: number) => value.toLocaleString('en-US')
const money = (value: number) => `¥${value.toFixed(2)}`
const signed = (value: number, format: (value: number) => string) => (value > 0 ? `+${format(value)}` : value < 0 ? `-${format(-value)}` : format(0))

/** A send time as the contact reads it: its own local time, with the zone named. */
export function localTime(at: number, timeZone: string): string {
  const iso = isoWithOffset(at, timeZone)
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} ${timeZone}`
}

/** Columns padded to their widest cell; the first left-aligned, the rest right-aligned. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)))
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '))
}

const reasonCount = (reasons: readonly ReasonCount[]) => reasons.reduce((sum, reason) => sum + reason.count, 0)
/** Timeline lines worth reading in a summary: what happened to messages, and how the contact left. */
const SHOWN_KINDS = new Set(['sent', 'held_out', 'held', 'skipped', 'converted', 'exited'])

/** The readable summary of `recall simulate --workspace`. */
export function formatWorkspaceSummary(result: WorkspaceSimulationResult, meta: { start: number; seed: number; seconds: number }, locale: Locale): string[] {
  const zh = locale === 'zh-CN'
  const journeys = Object.values(result.journeys)
  const weekly = result.perContactWeekly
  const lines = [
    zh
      ? `模拟工作区:${journeys.length} 个旅程,${number(result.contacts)} 个联系人,${result.simulatedDays} 天,自 ${new Date(meta.start).toISOString()} 起(种子 ${meta.seed})`
      : `Simulated workspace: ${journeys.length} journeys, ${number(result.contacts)} contacts, ${result.simulatedDays} days from ${new Date(meta.start).toISOString()} (seed ${meta.seed})`,
  ]
  if (result.cancelled) lines.push(zh ? '已取消:以下为取消前的结果' : 'Cancelled: results up to the cancellation')
  lines.push(
    zh ? `步骤 ${number(result.steps)},耗时 ${meta.seconds.toFixed(2)} 秒` : `${number(result.steps)} steps in ${meta.seconds.toFixed(2)} s`,
    zh
      ? `消息 ${number(result.total.messages)} 条(计费 ${number(result.total.parts)} 条),预计费用 ${money(result.total.cost)},转化 ${number(result.total.conversions)}`
      : `Messages: ${number(result.total.messages)} (${number(result.total.parts)} billed parts), estimated cost ${money(result.total.cost)}, conversions ${number(result.total.conversions)}`,
    zh
      ? `每位联系人最忙的 7 天内收到的消息(所有旅程):0 条 ${number(weekly.zero)} 人 · 1 条 ${number(weekly.one)} 人 · 2 条 ${number(weekly.two)} 人 · 3 条及以上 ${number(weekly.threePlus)} 人`
      : `Messages per contact in their busiest 7 days, all journeys: 0: ${number(weekly.zero)} · 1: ${number(weekly.one)} · 2: ${number(weekly.two)} · 3+: ${number(weekly.threePlus)}`,
    '',
  )
  const header = zh ? ['旅程', '消息', '计费条数', '费用', '暂缓', '跳过', '转化'] : ['journey', 'messages', 'parts', 'cost', 'held', 'skipped', 'conversions']
  lines.push(
    ...table([
      header,
      ...journeys.map((journey) => [
        journey.name,
        number(journey.messages.total),
        number(journey.messages.parts),
        money(journey.messages.cost),
        number(reasonCount(journey.held)),
        number(reasonCount(journey.skipped)),
        number(journey.conversions.total),
      ]),
    ]),
  )
  const section = (title: string, reasons: readonly ReasonCount[]) => {
    if (reasons.length === 0) return
    lines.push('', title)
    for (const reason of reasons.slice(0, 8)) lines.push(`  ${number(reason.count).padStart(8)} × ${localize(reason.message, locale)}`)
  }
  section(zh ? '跳过原因' : 'Skipped', result.total.skipped)
  section(zh ? '暂缓原因' : 'Held', result.total.held)
  lines.push('', zh ? '每日消息' : 'Messages per day')
  for (const day of result.total.byDay) lines.push(`  ${day.date}  ${number(day.messages).padStart(7)}  ${number(day.parts).padStart(7)}  ${money(day.cost)}`)
  if (result.topContacts.length > 0) lines.push('', zh ? '收到消息最多的联系人(时间为联系人所在时区)' : "Most messaged contacts (times in the contact's own zone)")
  for (const top of result.topContacts) {
    lines.push(
      zh ? `  ${top.contactId}:共 ${top.messages} 条,最忙的 7 天 ${top.busiestWeek} 条` : `  ${top.contactId}: ${top.messages} messages, ${top.busiestWeek} in the busiest 7 days`,
    )
    for (const entry of top.timeline.filter((line) => SHOWN_KINDS.has(line.kind)))
      lines.push(`    ${localTime(entry.at, top.timeZone)}  ${entry.journeyName}  ${entry.nodeId ?? ''}  ${localize(entry.message, locale)}`)
  }
  return lines
}

/** `--what-if`: the two runs side by side, with the difference. */
export function formatWorkspaceComparison(comparison: WorkspaceComparison, files: { base: string; changed: string }, locale: Locale): string[] {
  const zh = locale === 'zh-CN'
  const row = (label: string, figure: FigureChange, format: (value: number) => string = number) => [
    label,
    format(figure.base),
    format(figure.changed),
    signed(figure.difference, format),
  ]
  const weekly = comparison.perContactWeekly
  const total = comparison.total
  const lines = [
    zh ? `假设分析:同一样本,${files.base}(基准)对比 ${files.changed}(变更)` : `What-if: the same sample under ${files.base} (base) and ${files.changed} (changed)`,
    '',
    ...table([
      zh ? ['', '基准', '变更', '差异'] : ['', 'base', 'changed', 'difference'],
      row(zh ? '消息' : 'messages', total.messages),
      row(zh ? '计费条数' : 'parts', total.parts),
      row(zh ? '费用' : 'cost', total.cost, money),
      row(zh ? '暂缓' : 'held', total.held),
      row(zh ? '跳过' : 'skipped', total.skipped),
      row(zh ? '转化' : 'conversions', total.conversions),
      row(zh ? '最忙 7 天收到 0 条的联系人' : 'contacts with 0 in their busiest 7 days', weekly.zero),
      row(zh ? '… 1 条' : '… 1', weekly.one),
      row(zh ? '… 2 条' : '… 2', weekly.two),
      row(zh ? '… 3 条及以上' : '… 3+', weekly.threePlus),
    ]),
    '',
    ...table([
      zh ? ['旅程', '消息(基准)', '消息(变更)', '差异', '费用差异', '转化差异'] : ['journey', 'messages (base)', 'messages (changed)', 'difference', 'cost', 'conversions'],
      ...comparison.journeys.map((journey) => [
        journey.name,
        number(journey.messages.base),
        number(journey.messages.changed),
        signed(journey.messages.difference, number),
        signed(journey.cost.difference, money),
        signed(journey.conversions.difference, number),
      ]),
    ]),
  ]
  return lines
}
