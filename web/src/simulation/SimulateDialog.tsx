import { type LocalizedText, localize } from '@recall/shared'
import { useEffect, useState } from 'react'
import { ApiFailure, api } from '../app/api'
import { Dialog } from '../app/Dialog'
import { useLocale } from '../app/locale'
import { saveNow } from '../editor/useAutosave'
import { type SimulationRequest, startSimulation } from './store'

const TEXT = {
  title: { en: 'Simulate this draft', zh: '模拟此草稿' },
  contacts: { en: 'Sample contacts', zh: '示例联系人数' },
  source: { en: 'Who', zh: '模拟对象' },
  generated: { en: 'Generated sample contacts', zh: '生成的示例联系人' },
  segment: { en: 'The contacts of a saved segment', zh: '已保存分群中的联系人' },
  csv: { en: 'Contacts from a CSV file', zh: 'CSV 文件中的联系人' },
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
  compare: { en: 'Also run the live version on the same sample, to compare', zh: '同时用相同样本模拟线上版本以作对比' },
  run: { en: 'Run simulation', zh: '开始模拟' },
  starting: { en: 'Starting… (preparing the sample contacts)', zh: '正在启动…(正在准备示例联系人)' },
  cancel: { en: 'Cancel', zh: '取消' },
} satisfies Record<string, LocalizedText>

function tomorrowAtMidnight(): string {
  const day = new Date(Date.now() + 86_400_000)
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}T00:00`
}

/** Who the sample is and how they behave: the playbook's rates as defaults. */
export function SimulateDialog({ journeyId, hasLive, onClose }: { journeyId: string; hasLive: boolean; onClose(): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [segments, setSegments] = useState<{ id: string; name: string }[]>([])
  useEffect(() => {
    api<{ segments: { id: string; name: string }[] }>('GET', '/segments')
      .then((answer) => setSegments(answer.segments))
      .catch(() => setSegments([]))
  }, [])
  const [source, setSource] = useState<{ kind: SimulationRequest['source']; segmentId: string; csv: string; assumeConsent: boolean }>({
    kind: 'generated',
    segmentId: '',
    csv: '',
    assumeConsent: false,
  })
  const [form, setForm] = useState({
    count: 5000,
    zoneMix: 'china' as 'china' | 'mixed',
    vips: 20,
    clicks: 30,
    orders: 10,
    redeems: 10,
    start: tomorrowAtMidnight(),
    days: 30,
    compareLive: hasLive,
  })
  const [error, setError] = useState<string | undefined>()
  // Starting a big run takes seconds (the sample is built first): Run stays disabled until it answers.
  const [busy, setBusy] = useState(false)
  const number = (key: 'count' | 'vips' | 'clicks' | 'orders' | 'redeems' | 'days') => ({
    type: 'number',
    value: form[key],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [key]: Number(event.target.value) }),
  })

  async function run() {
    if (busy) return
    setError(undefined)
    setBusy(true)
    const request: SimulationRequest = {
      count: form.count,
      zoneMix: form.zoneMix,
      vipShare: form.vips / 100,
      clickRate: form.clicks / 100,
      orderRate: form.orders / 100,
      redeemRate: form.redeems / 100,
      start: new Date(form.start).toISOString(),
      days: form.days,
      compareLive: form.compareLive,
      source: source.kind,
      ...(source.kind === 'segment' ? { segmentId: source.segmentId } : {}),
      ...(source.kind === 'csv' ? { csv: source.csv, assumeConsent: source.assumeConsent } : {}),
    }
    try {
      await saveNow()
      await startSimulation(journeyId, request)
      onClose()
    } catch (cause) {
      setError(cause instanceof ApiFailure ? cause.message : String(cause))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={t(TEXT.title)}
      error={error}
      cancel={{ label: t(TEXT.cancel), onClick: onClose }}
      confirm={{ label: t(busy ? TEXT.starting : TEXT.run), onClick: () => void run(), disabled: busy }}
    >
      <label>
        {t(TEXT.source)}
        <select value={source.kind} onChange={(event) => setSource({ ...source, kind: event.target.value as SimulationRequest['source'] })}>
          {(['generated', 'segment', 'csv'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {t(TEXT[kind])}
            </option>
          ))}
        </select>
      </label>
      {source.kind === 'segment' && (
        <select aria-label={t(TEXT.segment)} value={source.segmentId} onChange={(event) => setSource({ ...source, segmentId: event.target.value })}>
          <option value="">…</option>
          {segments.map((segment) => (
            <option key={segment.id} value={segment.id}>
              {segment.name}
            </option>
          ))}
        </select>
      )}
      {source.kind === 'csv' && (
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label={t(TEXT.csv)}
          onChange={(event) => void event.target.files?.[0]?.text().then((csv) => setSource({ ...source, csv }))}
        />
      )}
      {source.kind === 'csv' && (
        <label>
          <input type="checkbox" checked={source.assumeConsent} onChange={(event) => setSource({ ...source, assumeConsent: event.target.checked })} />
          {t(TEXT.assumeConsent)}
        </label>
      )}
      <label>
        {t(TEXT.contacts)}
        <input {...number('count')} min={1} max={100000} />
      </label>
      <label>
        {t(TEXT.zones)}
        <select value={form.zoneMix} onChange={(event) => setForm({ ...form, zoneMix: event.target.value as 'china' | 'mixed' })}>
          <option value="china">{t(TEXT.china)}</option>
          <option value="mixed">{t(TEXT.mixed)}</option>
        </select>
      </label>
      {source.kind === 'generated' && (
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
          <input type="datetime-local" value={form.start} onChange={(event) => setForm({ ...form, start: event.target.value })} />
        </label>
        <label>
          {t(TEXT.days)}
          <input {...number('days')} min={1} max={120} />
        </label>
      </div>
      {hasLive && (
        <label className="checkbox">
          <input type="checkbox" checked={form.compareLive} onChange={(event) => setForm({ ...form, compareLive: event.target.checked })} />
          {t(TEXT.compare)}
        </label>
      )}
    </Dialog>
  )
}
