import { type LocalizedText, localize } from '@recall/shared'
import { useState } from 'react'
import { ApiFailure, failureWithProblems } from '../app/api'
import { Dialog } from '../app/Dialog'
import { useLocale } from '../app/locale'
import { savedRevision } from '../editor/saved-draft'
import { useSimulateRefusal } from './may-simulate'
import { defaultSampleForm, SampleFields, sampleFormProblems, sampleRequestOf } from './SampleFields'
import { startSimulation } from './store'

const TEXT = {
  title: { en: 'Simulate this draft', zh: '模拟此草稿' },
  compare: { en: 'Also run the live version on the same sample, to compare', zh: '同时用相同样本模拟线上版本以作对比' },
  run: { en: 'Run simulation', zh: '开始模拟' },
  starting: { en: 'Starting… (preparing the sample contacts)', zh: '正在启动…(正在准备示例联系人)' },
  cancel: { en: 'Cancel', zh: '取消' },
  reload: { en: 'Reload their draft', zh: '载入对方的草稿' },
} satisfies Record<string, LocalizedText>

/** Made-up contacts, the real ones (a random sample of all, or a saved segment's), or a file's. */
const SOURCES = ['generated', 'contacts', 'segment', 'csv'] as const
const MAX_DAYS = 120

/** Who the sample is and how they behave: the playbook's rates as defaults. */
export function SimulateDialog({ journeyId, hasLive, onClose, onReload }: { journeyId: string; hasLive: boolean; onClose(): void; onReload?(): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [form, setForm] = useState(defaultSampleForm)
  const [compareLive, setCompareLive] = useState(hasLive)
  const [error, setError] = useState<string | undefined>()
  // Someone saved a newer draft than the one on screen: the way on is to load theirs.
  const [newerElsewhere, setNewerElsewhere] = useState(false)
  // Starting a big run takes seconds (the sample is built first): Run stays disabled until it answers.
  const [busy, setBusy] = useState(false)
  const refusal = useSimulateRefusal()
  const problems = sampleFormProblems(form, MAX_DAYS, locale)
  const blocked = refusal !== undefined || problems.length > 0

  async function run() {
    if (busy || blocked) return
    setError(undefined)
    setBusy(true)
    try {
      // What is simulated is the draft on the server: only once it is what is on screen, and named, so a newer one is refused.
      const revision = await savedRevision()
      await startSimulation(journeyId, { ...sampleRequestOf(form), compareLive }, revision)
      onClose()
    } catch (cause) {
      setError(failureWithProblems(cause))
      setNewerElsewhere(cause instanceof ApiFailure && cause.code === 'draft_changed')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={t(TEXT.title)}
      error={error}
      cancel={{ label: t(TEXT.cancel), onClick: onClose }}
      confirm={{ label: t(busy ? TEXT.starting : TEXT.run), onClick: () => void run(), disabled: busy || blocked }}
    >
      {newerElsewhere && onReload && (
        <button type="button" onClick={onReload}>
          {t(TEXT.reload)}
        </button>
      )}
      {refusal && <p className="warning">{t(refusal)}</p>}
      <SampleFields form={form} onChange={setForm} sources={SOURCES} maxDays={MAX_DAYS} />
      {hasLive && (
        <label className="checkbox">
          <input type="checkbox" checked={compareLive} onChange={(event) => setCompareLive(event.target.checked)} />
          {t(TEXT.compare)}
        </label>
      )}
    </Dialog>
  )
}
