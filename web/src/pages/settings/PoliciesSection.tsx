import { type LocalizedText, localize, type SendWindow } from '@recall/shared'
import { useEffect, useState } from 'react'
import { ApiFailure, api } from '../../app/api'
import { useLocale } from '../../app/locale'
import { TEXT } from '../../app/texts'
import { DurationInput, Field, NumberInput, TextInput } from '../../inspector/fields'
import { SendWindowEditor } from '../../inspector/SendWindowEditor'
import { HolidaysEditor } from './HolidaysEditor'

interface Policies {
  defaultTimeZone: string
  quietHoursWindow?: SendWindow
  categoryWindows: { marketing?: SendWindow; recall?: SendWindow }
  caps: { id: string; categories: ('marketing' | 'recall' | 'transactional')[]; limit: number; window: { amount: number; unit: 'minutes' | 'hours' | 'days' | 'weeks' } }[]
  dailyMessageCeiling: number
  holidays: { date: string; start: string; end: string }[]
  spreadHeldMinutes: number
  shortLinkBase: string
}

const LOCAL = {
  sendPolicies: { en: 'Send policies (every journey)', zh: '发送策略(对所有旅程生效)' },
  timeZone: { en: 'Default time zone (for contacts without one)', zh: '默认时区(联系人未设置时使用)' },
  allowedHours: {
    en: 'Allowed sending hours: marketing and recall messages go out only inside these slots (and 08:00–21:00)',
    zh: '允许发送时段:营销和召回消息仅在以下时段内发送(且不超出 08:00–21:00)',
  },
  removeCap: { en: 'Remove cap', zh: '删除上限' },
  capsHint: {
    en: 'Each cap needs a number of at least 1 (an emptied box goes back to its number); to have no cap, remove it',
    zh: '每个上限须填写不小于 1 的数字(清空的输入框会恢复原值);如不需要上限,请删除该上限',
  },
  caps: { en: 'Frequency caps across journeys', zh: '跨旅程频次上限' },
  marketing: { en: 'Marketing messages go out only in these slots (e.g. retail evenings 18:00–20:00)', zh: '营销消息仅在以下时段发送(例如零售晚间 18:00–20:00)' },
  recall: { en: 'Recall messages go out only in these slots', zh: '召回消息仅在以下时段发送' },
  holidays: { en: 'Holidays', zh: '节假日' },
  at: { en: 'at most', zh: '最多' },
  per: { en: 'per', zh: '每' },
  ceiling: { en: 'Daily ceiling: messages per contact in any 24 hours', zh: '每日上限:每位联系人任意 24 小时内最多收到的消息数' },
  ceilingHelp: {
    en: 'Counts every message, transactional included, across all journeys, whatever the caps above say; a send past it is skipped',
    zh: '统计所有旅程的全部消息(含通知类),不受上方频次上限设置影响;超出的发送将被跳过',
  },
  spread: { en: 'Spread sends held overnight over (minutes)', zh: '隔夜暂缓的发送分散在(分钟)内' },
  save: { en: 'Save', zh: '保存' },
  saved: { en: 'Saved', zh: '已保存' },
} satisfies Record<string, LocalizedText>

/** The workspace's send policies: time zone, quiet hours, caps. The legal window is not a setting. */
export function PoliciesSection() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [policies, setPolicies] = useState<Policies | undefined>()
  const [message, setMessage] = useState<{ kind: 'error' | 'notice'; lines: string[] } | undefined>()
  const [problems, setProblems] = useState<ApiFailure['problems']>([])
  const problemAt = (path: string) => problems.find((problem) => problem.path === path)?.text
  useEffect(() => void api<Policies>('GET', '/settings/policies').then(setPolicies), [])
  if (!policies) return <p>{t(TEXT.loading)}</p>

  async function save(current: Policies) {
    try {
      setPolicies(await api<Policies>('PUT', '/settings/policies', current))
      setProblems([])
      setMessage({ kind: 'notice', lines: [t(LOCAL.saved)] })
    } catch (cause) {
      const failure = cause instanceof ApiFailure ? cause : undefined
      // Each problem is shown at its field; the summary says what was refused.
      setProblems(failure?.problems ?? [])
      // Problems outside this form (the live journeys a change would stop) are listed under the summary.
      const elsewhere = (failure?.problems ?? []).filter((problem) => !problem.path.startsWith('/body/')).map((problem) => problem.text ?? t(problem.message))
      setMessage({ kind: 'error', lines: [failure?.message ?? String(cause), ...elsewhere] })
    }
  }

  return (
    <section className="settings">
      <h2>{t(LOCAL.sendPolicies)}</h2>
      <Field label={LOCAL.timeZone}>
        <TextInput value={policies.defaultTimeZone} onChange={(defaultTimeZone) => setPolicies({ ...policies, defaultTimeZone })} />
      </Field>
      <SendWindowEditor
        legend={LOCAL.allowedHours}
        error={problemAt('/body/quietHoursWindow')}
        value={policies.quietHoursWindow}
        onChange={(quietHoursWindow) => {
          const { quietHoursWindow: _old, ...rest } = policies
          setPolicies(quietHoursWindow ? { ...rest, quietHoursWindow } : rest)
        }}
      />
      {(['marketing', 'recall'] as const).map((category) => (
        <div key={category}>
          <h3>{t(LOCAL[category])}</h3>
          <SendWindowEditor
            error={problemAt(`/body/categoryWindows/${category}`)}
            value={policies.categoryWindows[category]}
            onChange={(window) => {
              const { [category]: _old, ...others } = policies.categoryWindows
              setPolicies({ ...policies, categoryWindows: window ? { ...others, [category]: window } : others })
            }}
          />
        </div>
      ))}
      <h3>{t(LOCAL.holidays)}</h3>
      <HolidaysEditor value={policies.holidays} onChange={(holidays) => setPolicies({ ...policies, holidays })} />
      <h3>{t(LOCAL.caps)}</h3>
      <p className="hint">{t(LOCAL.capsHint)}</p>
      <ul className="caps">
        {policies.caps.map((cap, index) => (
          <li key={cap.id}>
            <code>{cap.id}</code> ({cap.categories.join(', ')}) {t(LOCAL.at)}{' '}
            <NumberInput
              value={cap.limit}
              max={1000}
              onChange={(limit) => setPolicies({ ...policies, caps: policies.caps.map((other, at) => (at === index ? { ...other, limit } : other)) })}
            />{' '}
            {t(LOCAL.per)}{' '}
            <DurationInput
              value={cap.window}
              onChange={(window) => setPolicies({ ...policies, caps: policies.caps.map((other, at) => (at === index ? { ...other, window } : other)) })}
            />{' '}
            <button type="button" onClick={() => setPolicies({ ...policies, caps: policies.caps.filter((_, at) => at !== index) })}>
              {t(LOCAL.removeCap)}
            </button>
            {problemAt(`/body/caps/${index}/limit`) && (
              <p className="error" role="alert">
                {problemAt(`/body/caps/${index}/limit`)}
              </p>
            )}
          </li>
        ))}
      </ul>
      <Field label={LOCAL.ceiling} hint={LOCAL.ceilingHelp}>
        <NumberInput value={policies.dailyMessageCeiling} min={1} max={1000} onChange={(dailyMessageCeiling) => setPolicies({ ...policies, dailyMessageCeiling })} />
      </Field>
      <Field label={LOCAL.spread}>
        <NumberInput value={policies.spreadHeldMinutes} max={240} onChange={(spreadHeldMinutes) => setPolicies({ ...policies, spreadHeldMinutes })} />
      </Field>
      {message && (
        <div className={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <button type="button" className="primary" onClick={() => void save(policies)}>
        {t(LOCAL.save)}
      </button>
    </section>
  )
}
