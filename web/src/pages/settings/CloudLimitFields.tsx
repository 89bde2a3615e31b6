import { CLOUD_DEFAULTS, type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../../app/locale'

const TEXT = {
  hoursFrom: { en: 'Marketing hours from', zh: '营销短信发送时段开始' },
  hoursTo: { en: 'Marketing hours until', zh: '营销短信发送时段结束' },
  hoursHint: {
    en: 'Beijing time; marketing and recall messages outside are held until the cloud opens.',
    zh: '北京时间;此时段外的营销和召回短信将暂缓,待云平台开放时发送。',
  },
  rate: { en: 'Requests per second', zh: '每秒请求数' },
  dailyLimit: { en: 'Daily limit per number and template', zh: '每个号码每个模板每日上限' },
  poll: { en: 'Ask the cloud for receipts that have not arrived (when callbacks cannot reach this server)', zh: '主动向云平台查询未收到的回执(回调无法到达本服务器时)' },
  defaultIs: { en: 'default', zh: '默认' },
} satisfies Record<string, LocalizedText>

export interface CloudLimitsValue {
  marketingWindow?: { start: string; end: string } | undefined
  requestsPerSecond?: number | undefined
  dailyTemplateLimit?: number | undefined
  pollReceipts?: boolean | undefined
}

interface Props {
  name: keyof typeof CLOUD_DEFAULTS
  value: CloudLimitsValue
  onChange(next: CloudLimitsValue): void
}

/** A number field whose empty value means "the cloud's default", shown as its placeholder. */
function countOf(text: string): number | undefined {
  return text === '' ? undefined : Number(text)
}

/** The cloud's own rules for the account: its marketing hours, its request rate, its daily limit, and polling. */
export function CloudLimitFields({ name, value, onChange }: Props) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const defaults = CLOUD_DEFAULTS[name]
  const window = value.marketingWindow ?? defaults.marketingWindow
  const setWindow = (part: 'start' | 'end', time: string) => onChange({ ...value, marketingWindow: { ...window, [part]: time || defaults.marketingWindow[part] } })
  return (
    <div className="cloud-limits">
      <label>
        <span>{t(TEXT.hoursFrom)}</span>
        <input type="time" value={window.start} onChange={(event) => setWindow('start', event.target.value)} />
      </label>
      <label>
        <span>{t(TEXT.hoursTo)}</span>
        <input type="time" value={window.end} onChange={(event) => setWindow('end', event.target.value)} />
      </label>
      <small className="hint">{t(TEXT.hoursHint)}</small>
      <label>
        <span>{t(TEXT.rate)}</span>
        <input
          type="number"
          min={10}
          max={10_000}
          placeholder={`${t(TEXT.defaultIs)} ${defaults.requestsPerSecond}`}
          value={value.requestsPerSecond ?? ''}
          onChange={(event) => onChange({ ...value, requestsPerSecond: countOf(event.target.value) })}
        />
      </label>
      <label>
        <span>{t(TEXT.dailyLimit)}</span>
        <input
          type="number"
          min={1}
          max={1000}
          placeholder={`${t(TEXT.defaultIs)} ${defaults.dailyTemplateLimit}`}
          value={value.dailyTemplateLimit ?? ''}
          onChange={(event) => onChange({ ...value, dailyTemplateLimit: countOf(event.target.value) })}
        />
      </label>
      <label className="cloud-limits__check">
        <input type="checkbox" checked={value.pollReceipts ?? false} onChange={(event) => onChange({ ...value, pollReceipts: event.target.checked })} />
        <span>{t(TEXT.poll)}</span>
      </label>
    </div>
  )
}
