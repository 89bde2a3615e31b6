import { type Locale, type LocalizedText, localize } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api } from '../app/api'
import { useLocale } from '../app/locale'
import { IntegerField, integerProblem } from './IntegerField'

const TEXT = {
  contacts: { en: 'Sample contacts', zh: '示例联系人数' },
  realContacts: { en: 'Real contacts, picked at random', zh: '随机抽取的真实联系人数' },
  segmentContacts: { en: 'At most this many of the segment’s contacts', zh: '分群中最多模拟的联系人数' },
  source: { en: 'Who', zh: '模拟对象' },
  generated: { en: 'Generated sample contacts', zh: '生成的示例联系人' },
  segment: { en: 'The contacts of a saved segment', zh: '已保存分群中的联系人' },
  csv: { en: 'Contacts from a CSV file', zh: 'CSV 文件中的联系人' },
  contactsSample: { en: 'A random sample of the real contacts (with their events)', zh: '真实联系人随机抽样(含行为记录)' },
  assumeConsent: {
    en: 'Simulate as if rows without a consent column had consented (an import never assumes it)',
    zh: '未注明是否同意的行按已同意模拟(导入时从不默认同意)',
  },
  zones: { en: 'Time zones', zh: '时区分布' },
  vips: { en: 'Gold and platinum members (%)', zh: '金卡及白金会员占比(%)' },
  china: { en: 'Mostly China (88% Shanghai)', zh: '以中国为主(88% 上海)' },
  mixed: { en: 'A third abroad (London, New York, Sydney)', zh: '三分之一在海外(伦敦、纽约、悉尼)' },
  clicks: { en: 'Click the link (%)', zh: '点击链接(%)' },
  orders: { en: 'Order within 2 days (%)', zh: '2 天内下单(%)' },
  redeems: { en: 'Redeem the coupon within 2 days (%)', zh: '2 天内核销优惠券(%)' },
  start: { en: 'Start', zh: '开始时间' },
  days: { en: 'Days', zh: '天数' },
} satisfies Record<string, LocalizedText>

export type SampleSource = 'generated' | 'segment' | 'csv' | 'contacts'

/** The most contacts one simulation takes, as the server accepts (MAX_SAMPLE). */
export const MAX_SAMPLE = 100_000

/**
 * The fields that apply to each source: a count only where the server picks that many (a CSV
 * file is its own rows), time zones and member mix only for contacts that are made up (real ones
 * have their own).
 */
export const SOURCE_FIELDS: Record<SampleSource, { count?: LocalizedText; zones: boolean; vips: boolean }> = {
  generated: { count: TEXT.contacts, zones: true, vips: true },
  contacts: { count: TEXT.realContacts, zones: false, vips: false },
  segment: { count: TEXT.segmentContacts, zones: false, vips: false },
  csv: { zones: false, vips: false },
}

/** What stops the form from being sent, in the UI's language: a count or a number of days out of bounds. */
export function sampleFormProblems(form: SampleForm, maxDays: number, locale: Locale): string[] {
  const count = SOURCE_FIELDS[form.source].count
  return [count && integerProblem(form.count, 1, MAX_SAMPLE, count, locale), integerProblem(form.days, 1, maxDays, TEXT.days, locale)].filter(
    (problem): problem is string => problem !== undefined,
  )
}

/** What the sample fields hold, in the units people type (percentages, a local start time). */
export interface SampleForm {
  source: SampleSource
  segmentId: string
  csv: string
  assumeConsent: boolean
  count: number
  zoneMix: 'china' | 'mixed'
  vips: number
  clicks: number
  orders: number
  redeems: number
  start: string
  days: number
}

/** The sample part of a simulation request, as every simulation route takes it. */
export interface SampleRequest {
  count: number
  zoneMix: 'china' | 'mixed'
  vipShare: number
  clickRate: number
  orderRate: number
  redeemRate: number
  start: string
  days: number
  source: SampleSource
  segmentId?: string
  csv?: string
  /** For a CSV without a consent column: simulate as if everyone had consented. */
  assumeConsent?: boolean
}

function tomorrowAtMidnight(): string {
  const day = new Date(Date.now() + 86_400_000)
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}T00:00`
}

/** The playbook's rates as defaults, starting tomorrow. */
export function defaultSampleForm(): SampleForm {
  return {
    source: 'generated',
    segmentId: '',
    csv: '',
    assumeConsent: false,
    count: 5000,
    zoneMix: 'china',
    vips: 20,
    clicks: 30,
    orders: 10,
    redeems: 10,
    start: tomorrowAtMidnight(),
    days: 30,
  }
}

export function sampleRequestOf(form: SampleForm): SampleRequest {
  return {
    // A CSV is simulated whole: the server still takes a count, and the file's rows are at most this many.
    count: SOURCE_FIELDS[form.source].count ? form.count : MAX_SAMPLE,
    zoneMix: form.zoneMix,
    vipShare: form.vips / 100,
    clickRate: form.clicks / 100,
    orderRate: form.orders / 100,
    redeemRate: form.redeems / 100,
    start: new Date(form.start).toISOString(),
    days: form.days,
    source: form.source,
    ...(form.source === 'segment' ? { segmentId: form.segmentId } : {}),
    ...(form.source === 'csv' ? { csv: form.csv, assumeConsent: form.assumeConsent } : {}),
  }
}

/** Who the sample is and how they behave; the editor's Simulate and the Program page share it. */
export function SampleFields({ form, onChange, sources, maxDays }: { form: SampleForm; onChange(form: SampleForm): void; sources: readonly SampleSource[]; maxDays: number }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [segments, setSegments] = useState<{ id: string; name: string }[]>([])
  useEffect(() => {
    api<{ segments: { id: string; name: string }[] }>('GET', '/segments')
      .then((answer) => setSegments(answer.segments))
      .catch(() => setSegments([]))
  }, [])
  const fields = SOURCE_FIELDS[form.source]
  const number = (key: 'vips' | 'clicks' | 'orders' | 'redeems') => ({
    type: 'number',
    value: form[key],
    onChange: (event: { target: { value: string } }) => onChange({ ...form, [key]: Number(event.target.value) }),
  })
  return (
    <>
      <label>
        {t(TEXT.source)}
        <select value={form.source} onChange={(event) => onChange({ ...form, source: event.target.value as SampleSource })}>
          {sources.map((kind) => (
            <option key={kind} value={kind}>
              {t(TEXT[kind === 'contacts' ? 'contactsSample' : kind])}
            </option>
          ))}
        </select>
      </label>
      {form.source === 'segment' && (
        <select aria-label={t(TEXT.segment)} value={form.segmentId} onChange={(event) => onChange({ ...form, segmentId: event.target.value })}>
          <option value="">…</option>
          {segments.map((segment) => (
            <option key={segment.id} value={segment.id}>
              {segment.name}
            </option>
          ))}
        </select>
      )}
      {form.source === 'csv' && (
        <input type="file" accept=".csv,text/csv" aria-label={t(TEXT.csv)} onChange={(event) => void event.target.files?.[0]?.text().then((csv) => onChange({ ...form, csv }))} />
      )}
      {form.source === 'csv' && (
        <label className="checkbox">
          <input type="checkbox" checked={form.assumeConsent} onChange={(event) => onChange({ ...form, assumeConsent: event.target.checked })} />
          {t(TEXT.assumeConsent)}
        </label>
      )}
      {fields.count && <IntegerField label={fields.count} value={form.count} min={1} max={MAX_SAMPLE} onChange={(count) => onChange({ ...form, count })} />}
      {fields.zones && (
        <label>
          {t(TEXT.zones)}
          <select value={form.zoneMix} onChange={(event) => onChange({ ...form, zoneMix: event.target.value as 'china' | 'mixed' })}>
            <option value="china">{t(TEXT.china)}</option>
            <option value="mixed">{t(TEXT.mixed)}</option>
          </select>
        </label>
      )}
      {fields.vips && (
        <label>
          {t(TEXT.vips)}
          <input {...number('vips')} min={0} max={100} />
        </label>
      )}
      <div className="inline">
        <label>
          {t(TEXT.clicks)}
          <input {...number('clicks')} min={0} max={100} />
        </label>
        <label>
          {t(TEXT.orders)}
          <input {...number('orders')} min={0} max={100} />
        </label>
        <label>
          {t(TEXT.redeems)}
          <input {...number('redeems')} min={0} max={100} />
        </label>
      </div>
      <div className="inline">
        <label>
          {t(TEXT.start)}
          <input type="datetime-local" value={form.start} onChange={(event) => onChange({ ...form, start: event.target.value })} />
        </label>
        <IntegerField label={TEXT.days} value={form.days} min={1} max={maxDays} onChange={(days) => onChange({ ...form, days })} />
      </div>
    </>
  )
}
