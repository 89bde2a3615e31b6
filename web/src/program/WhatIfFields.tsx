import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../app/locale'
import type { WhatIfChanges } from './store'
import { PROGRAM_TEXT as TEXT } from './texts'

export interface WorkspaceCap {
  id: string
  categories: string[]
  limit: number
  window: { amount: number; unit: string }
}

/** What the what-if form holds: the caps' limits by id, and hours left blank when unchanged. */
export interface WhatIfForm {
  limits: Record<string, number>
  quietStart: string
  quietEnd: string
  ceiling: string
  /** The workspace's ceiling the box starts at: only a different one is sent. */
  workspaceCeiling: string
  provider: Record<'marketing' | 'recall', { start: string; end: string }>
}

/** The form at the workspace's settings: the caps' limits and the daily ceiling as they are now (blank when unknown). */
export function whatIfFormOf(caps: WorkspaceCap[], dailyMessageCeiling?: number): WhatIfForm {
  const ceiling = dailyMessageCeiling === undefined ? '' : String(dailyMessageCeiling)
  return {
    limits: Object.fromEntries(caps.map((cap) => [cap.id, cap.limit])),
    quietStart: '',
    quietEnd: '',
    ceiling,
    workspaceCeiling: ceiling,
    provider: { marketing: { start: '', end: '' }, recall: { start: '', end: '' } },
  }
}

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7]

/** Only what differs from the workspace's settings is sent: the server applies it on top of them. */
export function whatIfChanges(form: WhatIfForm, caps: WorkspaceCap[]): WhatIfChanges {
  const capChanges = caps.filter((cap) => form.limits[cap.id] !== cap.limit).map((cap) => ({ id: cap.id, limit: form.limits[cap.id] ?? cap.limit }))
  const providerWindows = Object.fromEntries(
    (['marketing', 'recall'] as const).filter((category) => form.provider[category].start && form.provider[category].end).map((category) => [category, form.provider[category]]),
  )
  return {
    ...(capChanges.length > 0 ? { caps: capChanges } : {}),
    ...(form.quietStart && form.quietEnd ? { quietHoursWindow: [{ days: ALL_DAYS, start: form.quietStart, end: form.quietEnd }] } : {}),
    ...(form.ceiling && form.ceiling !== form.workspaceCeiling ? { dailyMessageCeiling: Number(form.ceiling) } : {}),
    ...(Object.keys(providerWindows).length > 0 ? { providerWindows } : {}),
  }
}

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_match, key: string) => String(values[key] ?? ''))

/** The settings to try: the caps by id, allowed hours, the daily ceiling and a cloud's marketing hours. */
export function WhatIfFields({ form, caps, onChange }: { form: WhatIfForm; caps: WorkspaceCap[]; onChange(form: WhatIfForm): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const hours = (label: string, start: string, end: string, set: (start: string, end: string) => void) => (
    <div className="inline">
      <label>
        {`${label}: ${t(TEXT.from)}`}
        <input type="time" value={start} onChange={(event) => set(event.target.value, end)} />
      </label>
      <label>
        {t(TEXT.to)}
        <input type="time" value={end} onChange={(event) => set(start, event.target.value)} />
      </label>
    </div>
  )
  return (
    <div className="what-if__fields">
      {caps.map((cap) => (
        <label key={cap.id}>
          {fill(t(TEXT.capLimit), { id: cap.id, categories: cap.categories.join('/'), window: `${cap.window.amount} ${cap.window.unit}` })}
          <input
            type="number"
            min={1}
            max={1000}
            value={form.limits[cap.id] ?? cap.limit}
            onChange={(event) => onChange({ ...form, limits: { ...form.limits, [cap.id]: Number(event.target.value) } })}
          />
        </label>
      ))}
      {hours(t(TEXT.quietHours), form.quietStart, form.quietEnd, (quietStart, quietEnd) => onChange({ ...form, quietStart, quietEnd }))}
      <label>
        {t(TEXT.ceiling)}
        <input type="number" min={1} max={1000} value={form.ceiling} onChange={(event) => onChange({ ...form, ceiling: event.target.value })} />
      </label>
      {(['marketing', 'recall'] as const).map((category) => (
        <div key={category}>
          {hours(fill(t(TEXT.providerWindow), { category: t(TEXT[category]) }), form.provider[category].start, form.provider[category].end, (start, end) =>
            onChange({ ...form, provider: { ...form.provider, [category]: { start, end } } }),
          )}
        </div>
      ))}
    </div>
  )
}
