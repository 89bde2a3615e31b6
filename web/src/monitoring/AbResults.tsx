import { bilingualPart, type LocalizedText, localize } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, failureText } from '../app/api'
import { useLocale } from '../app/locale'
import { useSession, viewsOnly } from '../app/session'
import { asOwnChange } from '../editor/server-head'
import { useLive } from './store'

interface VariantResult {
  id: string
  label: string
  weight: number
  holdout?: boolean
  contacts: number
  converted: number
  rate: number | null
  test: { difference: number; pValue: number } | null
}

interface SplitResult {
  nodeId: string
  control: string
  neededPerVariant: number | null
  variants: VariantResult[]
}

const TEXT = {
  title: { en: 'A/B test', zh: 'A/B 测试' },
  variant: { en: 'Variant', zh: '分组' },
  contacts: { en: 'Contacts', zh: '人数' },
  converted: { en: 'Converted', zh: '转化' },
  vsControl: { en: 'vs control', zh: '对比对照组' },
  significant: { en: 'significant', zh: '显著' },
  notYet: { en: 'not significant yet', zh: '尚不显著' },
  needed: { en: 'About {n} contacts per variant are needed to see 2 points of difference.', zh: '约需每组 {n} 人才能识别 2 个百分点的差异。' },
  rollOut: { en: 'Roll out', zh: '全量推广' },
  rolledOut: { en: 'Published v{version} with {label} at 100%', zh: '已发布 v{version},{label} 占 100%' },
} satisfies Record<string, LocalizedText>

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`)

/** Conversions per variant with a two-proportion test against the control, and rolling out the winner. */
export function AbResults({ journeyId, onRolledOut }: { journeyId: string; onRolledOut(version: number): Promise<void> }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [splits, setSplits] = useState<SplitResult[]>([])
  const [message, setMessage] = useState<string | undefined>()
  const viewOnly = useSession(viewsOnly)
  // Fresh results whenever the live counts move.
  const tick = useLive((state) => state.snapshot?.totals.sent)
  useEffect(() => {
    void tick
    api<{ splits: SplitResult[] }>('GET', `/journeys/${encodeURIComponent(journeyId)}/ab`)
      .then((answer) => setSplits(answer.splits))
      .catch(() => setSplits([]))
  }, [journeyId, tick])

  async function rollOut(nodeId: string, variant: VariantResult) {
    try {
      const result = await asOwnChange(journeyId, async () => {
        const answer = await api<{ version: number }>('POST', `/journeys/${encodeURIComponent(journeyId)}/ab/${encodeURIComponent(nodeId)}/rollout`, { variantId: variant.id })
        // The roll-out saved the draft too: the page takes it before the server's word on it stops being the page's own.
        // Rolled out even when that reload fails: the page's draft then differs from the server's, which the page says.
        await onRolledOut(answer.version).catch(() => undefined)
        return answer
      })
      setMessage(t(TEXT.rolledOut).replace('{version}', String(result.version)).replace('{label}', bilingualPart(variant.label, locale)))
    } catch (cause) {
      setMessage(failureText(cause))
    }
  }

  return (
    <>
      {splits.map((split) => (
        <section key={split.nodeId} aria-label={t(TEXT.title)}>
          <h3>
            {t(TEXT.title)} <code>{split.nodeId}</code>
          </h3>
          <table className="table">
            <thead>
              <tr>
                <th>{t(TEXT.variant)}</th>
                <th>{t(TEXT.contacts)}</th>
                <th>{t(TEXT.converted)}</th>
                <th>{t(TEXT.vsControl)}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {split.variants.map((variant) => (
                <tr key={variant.id}>
                  <td>
                    {bilingualPart(variant.label, locale)} ({variant.weight}%)
                  </td>
                  <td>{variant.contacts.toLocaleString(locale)}</td>
                  <td>
                    {variant.converted.toLocaleString(locale)} ({percent(variant.rate)})
                  </td>
                  <td>
                    {variant.test
                      ? `${variant.test.difference >= 0 ? '+' : ''}${(variant.test.difference * 100).toFixed(1)} pts, p = ${variant.test.pValue.toFixed(3)} · ${t(variant.test.pValue < 0.05 ? TEXT.significant : TEXT.notYet)}`
                      : '—'}
                  </td>
                  <td>
                    {!viewOnly && !variant.holdout && variant.weight < 100 && (
                      <button type="button" onClick={() => void rollOut(split.nodeId, variant)}>
                        {t(TEXT.rollOut)}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {split.neededPerVariant !== null && <p className="hint">{t(TEXT.needed).replace('{n}', split.neededPerVariant.toLocaleString(locale))}</p>}
        </section>
      ))}
      {message && <p role="status">{message}</p>}
    </>
  )
}
