import { type ConditionGroup, conditionGroupIsWellFormed, type LocalizedText, localize } from '@recall/shared'
import { useEffect, useRef, useState } from 'react'
import { api } from '../app/api'
import { useLocale } from '../app/locale'

const TEXT = {
  exact: { en: '{count} contacts match', zh: '符合条件的联系人:{count} 个' },
  waiting: { en: 'The count waits for a valid value', zh: '填写有效的值后再计算人数' },
  estimated: { en: 'About {count} contacts match (estimated from a sample)', zh: '约 {count} 个联系人符合条件(抽样估算)' },
} satisfies Record<string, LocalizedText>

/** Waits for typing to pause before asking the server. */
const DEBOUNCE_MS = 300

/** How many contacts the condition selects, asked of the server as the marketer edits it. */
export function EstimatedCount({ condition }: { condition: ConditionGroup }) {
  const locale = useLocale()
  const [answer, setAnswer] = useState<{ count: number; exact: boolean } | undefined>()
  const asked = useRef(0)
  const key = JSON.stringify(condition)
  // A condition that cannot be evaluated would count no one: not asked, so no "0 contacts" shows.
  const wellFormed = conditionGroupIsWellFormed(condition)
  useEffect(() => {
    if (!wellFormed) {
      asked.current++
      setAnswer(undefined)
      return
    }
    const timer = setTimeout(() => {
      // Answers can overtake each other: only the latest question's is shown.
      const question = ++asked.current
      api<{ count: number; exact: boolean }>('POST', '/catalog/estimate', { condition: JSON.parse(key) })
        .then((next) => question === asked.current && setAnswer(next))
        .catch(() => question === asked.current && setAnswer(undefined))
    }, DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [key, wellFormed])
  if (!wellFormed)
    return (
      <p className="hint" data-testid="estimated-count" aria-live="polite">
        {localize(TEXT.waiting, locale)}
      </p>
    )
  if (!answer) return null
  return (
    <p className="hint" data-testid="estimated-count" aria-live="polite">
      {localize(answer.exact ? TEXT.exact : TEXT.estimated, locale).replace('{count}', answer.count.toLocaleString(locale))}
    </p>
  )
}
