import { isOvernight, type LocalizedText, localize, type SendWindow, type WindowSlot } from '@recall/shared'
import { useLocale } from '../app/locale'
import { TimeInput, WeekdaysInput } from './fields'

const TEXT = {
  window: { en: 'Allowed sending hours', zh: '允许发送时段' },
  anyTime: { en: 'Any time (marketing and recall: within the legal window)', zh: '任何时间(营销和召回:法定时段内)' },
  add: { en: 'Add a time slot', zh: '添加时段' },
  remove: { en: 'Remove', zh: '删除' },
  legal: {
    en: 'Marketing and recall messages always stay within the legal window, 08:00–21:00 in the recipient’s time zone; transactional messages (orders, deliveries, codes) are not held by it',
    zh: '营销和召回消息始终限于收件人时区的法定时段 08:00–21:00;通知类消息(订单、物流、验证码)不受此限',
  },
  overnight: { en: 'runs overnight, into the next day', zh: '跨夜,持续到次日' },
  from: { en: 'from', zh: '开始' },
  to: { en: 'to', zh: '结束' },
} satisfies Record<string, LocalizedText>

const LEGAL = { start: 8 * 60, end: 21 * 60 }
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
const percent = (value: number) => `${(value / (24 * 60)) * 100}%`

/** A 24-hour bar: the legal window, and the slots on top; what falls outside the legal window is struck. */
function DayBar({ slots }: { slots: readonly WindowSlot[] }) {
  return (
    <div className="day-bar" aria-hidden="true">
      <div className="day-bar__legal" style={{ left: percent(LEGAL.start), width: percent(LEGAL.end - LEGAL.start) }} />
      {slots.flatMap((slot, index) => {
        const start = minutes(slot.start)
        const end = minutes(slot.end)
        // An overnight slot (22:00–07:00) is drawn as the evening and the next morning.
        const pieces = isOvernight(slot) ? [[start, 24 * 60] as const, [0, end] as const] : [[start, Math.max(end, start)] as const]
        return pieces.map(([from, to]) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: slots have no ids and may repeat
          <div key={`${slot.start}-${slot.end}-${index}-${from}`} className="day-bar__slot" data-testid="day-bar-slot" style={{ left: percent(from), width: percent(to - from) }} />
        ))
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

export function SendWindowEditor({
  value,
  onChange,
  legend = TEXT.window,
  error,
}: {
  value: SendWindow | undefined
  onChange(value: SendWindow | undefined): void
  legend?: LocalizedText
  /** The server's reason this window cannot be saved, shown at the field. */
  error?: string | undefined
}) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const slots = value ?? []
  const replace = (index: number, slot: WindowSlot) => onChange(slots.map((existing, at) => (at === index ? slot : existing)))
  return (
    <fieldset className="send-window">
      <legend>{t(legend)}</legend>
      <DayBar slots={slots} />
      <small className="field__hint">{t(TEXT.legal)}</small>
      {slots.length === 0 && <p className="hint">{t(TEXT.anyTime)}</p>}
      {slots.map((slot, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: slots have no ids; each is edited in place at its position
        <div className="send-window__slot" key={`${index}-${slot.start}`}>
          <WeekdaysInput value={slot.days} onChange={(days) => replace(index, { ...slot, days })} />
          <span className="inline">
            <TimeInput value={slot.start} label={t(TEXT.from)} onChange={(start) => replace(index, { ...slot, start })} />–
            <TimeInput value={slot.end} label={t(TEXT.to)} onChange={(end) => replace(index, { ...slot, end })} />
            {isOvernight(slot) && <small className="field__hint">{t(TEXT.overnight)}</small>}
            <button type="button" onClick={() => onChange(slots.length === 1 ? undefined : slots.filter((_, at) => at !== index))}>
              {t(TEXT.remove)}
            </button>
          </span>
        </div>
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" onClick={() => onChange([...slots, DEFAULT_SLOT])}>
        + {t(TEXT.add)}
      </button>
    </fieldset>
  )
}
