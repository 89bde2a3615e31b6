import { type LocalizedText, localize, type SendWindow, type WindowSlot } from '@recall/shared'
import { useLocale } from '../app/locale'
import { TimeInput, WeekdaysInput } from './fields'

const TEXT = {
  window: { en: 'Send window', zh: '发送时段' },
  anyTime: { en: 'Any time within the legal window', zh: '法定时段内任何时间' },
  add: { en: 'Add a time slot', zh: '添加时段' },
  remove: { en: 'Remove', zh: '删除' },
  legal: { en: 'Legal window 08:00–21:00 in the recipient’s time zone always applies', zh: '始终遵守收件人时区的法定时段 08:00–21:00' },
} satisfies Record<string, LocalizedText>

const LEGAL = { start: 8 * 60, end: 21 * 60 }
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
const percent = (value: number) => `${(value / (24 * 60)) * 100}%`

/** A 24-hour bar: the legal window, and the slots on top; what falls outside the legal window is struck. */
function DayBar({ slots }: { slots: readonly WindowSlot[] }) {
  return (
    <div className="day-bar" aria-hidden="true">
      <div className="day-bar__legal" style={{ left: percent(LEGAL.start), width: percent(LEGAL.end - LEGAL.start) }} />
      {slots.map((slot, index) => {
        const start = minutes(slot.start)
        const end = minutes(slot.end)
        // biome-ignore lint/suspicious/noArrayIndexKey: slots have no ids and may repeat
        return <div key={`${slot.start}-${slot.end}-${index}`} className="day-bar__slot" style={{ left: percent(start), width: percent(Math.max(end - start, 0)) }} />
      })}
      {[0, 8, 12, 18, 21, 24].map((hour) => (
        <span key={hour} className="day-bar__tick" style={{ left: percent(hour * 60) }}>
          {hour}
        </span>
      ))}
    </div>
  )
}

const DEFAULT_SLOT: WindowSlot = { days: [1, 2, 3, 4, 5, 6, 7], start: '18:00', end: '20:00' }

export function SendWindowEditor({ value, onChange }: { value: SendWindow | undefined; onChange(value: SendWindow | undefined): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const slots = value ?? []
  const replace = (index: number, slot: WindowSlot) => onChange(slots.map((existing, at) => (at === index ? slot : existing)))
  return (
    <fieldset className="send-window">
      <legend>{t(TEXT.window)}</legend>
      <DayBar slots={slots} />
      <small className="field__hint">{t(TEXT.legal)}</small>
      {slots.length === 0 && <p className="hint">{t(TEXT.anyTime)}</p>}
      {slots.map((slot, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: slots have no ids; each is edited in place at its position
        <div className="send-window__slot" key={`${index}-${slot.start}`}>
          <WeekdaysInput value={slot.days} onChange={(days) => replace(index, { ...slot, days })} />
          <span className="inline">
            <TimeInput value={slot.start} onChange={(start) => replace(index, { ...slot, start })} />–
            <TimeInput value={slot.end} onChange={(end) => replace(index, { ...slot, end })} />
            <button type="button" onClick={() => onChange(slots.length === 1 ? undefined : slots.filter((_, at) => at !== index))}>
              {t(TEXT.remove)}
            </button>
          </span>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...slots, DEFAULT_SLOT])}>
        + {t(TEXT.add)}
      </button>
    </fieldset>
  )
}
