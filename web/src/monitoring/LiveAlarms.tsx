import { type LiveSnapshot, type LocalizedText, localize } from '@recall/shared'
import { useState } from 'react'
import { api, failureText } from '../app/api'
import { fill, useLocale } from '../app/locale'
import { useSession, viewsOnly } from '../app/session'

const TEXT = {
  delivery_rate: { en: 'Delivery rate {value} is under {threshold}: bad numbers or carrier blocking', zh: '送达率 {value} 低于 {threshold}:号码无效或被运营商拦截' },
  unsubscribe_rate: { en: 'Unsubscribe rate {value} is over {threshold}: too frequent or irrelevant', zh: '退订率 {value} 高于 {threshold}:发送过于频繁或内容不相关' },
  stopped_steps: {
    en: '{value} stopped: their step failed 5 times in a row and they wait where they are (their timelines say where); the server log has the cause',
    zh: '{value}已停止:其步骤连续失败 5 次,停在原处等待(时间线中有所在节点);原因见服务器日志',
  },
  contacts: { en: '{count} contacts', zh: '{count} 位联系人' },
  retry: { en: 'Try them again', zh: '重新尝试' },
  retried: { en: '{count} tried again', zh: '已重新尝试 {count} 位' },
} satisfies Record<string, LocalizedText>

const percent = (value: number) => `${(value * 100).toFixed(1)}%`

/** The live view's alarms: rates past the workspace's levels, and contacts stopped by a failing step (with a way to try them again). */
export function LiveAlarms({ journeyId, alarms }: { journeyId: string; alarms: LiveSnapshot['alarms'] }) {
  const locale = useLocale()
  const t = (text: LocalizedText, values: Record<string, string | number> = {}) => fill(localize(text, locale), values)
  // Trying again changes the journey: viewers only watch.
  const viewOnly = useSession(viewsOnly)
  const [answer, setAnswer] = useState<string | undefined>()
  async function retry() {
    try {
      const { retried } = await api<{ retried: number }>('POST', `/journeys/${encodeURIComponent(journeyId)}/stopped/retry`)
      setAnswer(t(TEXT.retried, { count: retried.toLocaleString(locale) }))
    } catch (cause) {
      setAnswer(failureText(cause))
    }
  }
  return (
    <>
      {alarms.map((alarm) => (
        <p key={alarm.code} className="alarm" role="alert">
          {alarm.code === 'stopped_steps'
            ? t(TEXT.stopped_steps, { value: t(TEXT.contacts, { count: alarm.value.toLocaleString(locale) }) })
            : t(TEXT[alarm.code], { value: percent(alarm.value), threshold: percent(alarm.threshold) })}
          {alarm.code === 'stopped_steps' && !viewOnly && (
            <>
              {' '}
              <button type="button" onClick={() => void retry()}>
                {t(TEXT.retry)}
              </button>
            </>
          )}
        </p>
      ))}
      {answer && <p role="status">{answer}</p>}
    </>
  )
}
