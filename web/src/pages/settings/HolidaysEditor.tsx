import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../../app/locale'
import { TimeInput } from '../../inspector/fields'

export interface Holiday {
  date: string
  start: string
  end: string
}

const TEXT = {
  hint: {
    en: 'On these dates promotional messages go out only inside the hours given (e.g. not before 10:00 on 春节).',
    zh: '在这些日期,营销类消息只在所填时段内发送(例如春节不早于 10:00)。',
  },
  add: { en: 'Add a holiday', zh: '添加节假日' },
  remove: { en: 'Remove', zh: '删除' },
} satisfies Record<string, LocalizedText>

/** Public holidays with their own sending hours, inside the legal window. */
export function HolidaysEditor({ value, onChange }: { value: Holiday[]; onChange(value: Holiday[]): void }) {
  const locale = useLocale()
  const replace = (index: number, holiday: Holiday) => onChange(value.map((existing, at) => (at === index ? holiday : existing)))
  return (
    <div className="holidays">
      <p className="hint">{localize(TEXT.hint, locale)}</p>
      {value.map((holiday, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: holidays have no ids; each row is edited in place
        <div className="inline" key={`${holiday.date}-${index}`}>
          <input type="date" value={holiday.date} aria-label="date" onChange={(event) => replace(index, { ...holiday, date: event.target.value })} />
          <TimeInput value={holiday.start} onChange={(start) => replace(index, { ...holiday, start })} />–
          <TimeInput value={holiday.end} onChange={(end) => replace(index, { ...holiday, end })} />
          <button type="button" onClick={() => onChange(value.filter((_, at) => at !== index))}>
            {localize(TEXT.remove, locale)}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...value, { date: new Date().toISOString().slice(0, 10), start: '10:00', end: '20:00' }])}>
        + {localize(TEXT.add, locale)}
      </button>
    </div>
  )
}
