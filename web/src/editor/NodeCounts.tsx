import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../app/locale'
import { useLive } from '../monitoring/store'
import { useSimulation } from '../simulation/store'
import { liveVersionDrawn, useEditor, versionDrawn } from './store'

const LABELS: Record<string, LocalizedText> = {
  entered: { en: 'in', zh: '进入' },
  waiting: { en: 'waiting', zh: '等待中' },
  active: { en: 'here now', zh: '当前' },
  queued: { en: 'queued', zh: '排队中' },
  sent: { en: 'sent', zh: '发送' },
  delivered: { en: 'delivered', zh: '送达' },
  clicked: { en: 'clicked', zh: '点击' },
  held: { en: 'held', zh: '暂缓' },
  skipped: { en: 'skipped', zh: '跳过' },
  exited: { en: 'exited', zh: '退出' },
  converted: { en: 'converted', zh: '转化' },
  redeemed: { en: 'redeemed', zh: '核销' },
  failed: { en: 'failed', zh: '失败' },
}

/** A node's numbers on the canvas: from the simulation shown, or live from the running journey. */
export function NodeCounts({ nodeId }: { nodeId: string }) {
  const locale = useLocale()
  // Live counts belong to the live version they count (contacts on older ones are listed apart), simulated
  // ones to the draft: each shown only on what it counts, also for the moment a new version is taken in.
  const liveDrawn = useEditor(liveVersionDrawn)
  const draftDrawn = useEditor((state) => versionDrawn(state) === undefined)
  const simulated = useSimulation((state) => (state.overlay && draftDrawn ? state.run?.result?.nodes[nodeId] : undefined))
  const live = useLive((state) => (liveDrawn !== undefined && state.snapshot?.liveVersion === liveDrawn ? state.snapshot.nodes[nodeId] : undefined))
  const deliveryRateMin = useLive((state) => state.snapshot?.thresholds.deliveryRateMin)
  const counts = (simulated ?? live) as Record<string, number> | undefined
  if (!counts) return null
  const shown = Object.entries(counts).filter(([name, value]) => value > 0 && LABELS[name])
  if (shown.length === 0) return null
  // A send node whose own delivery rate is under the alarm level says so on the canvas.
  const verdicts = live && !simulated ? live.delivered + live.failed : 0
  const lowDelivery = live && deliveryRateMin !== undefined && verdicts >= 20 && live.delivered / verdicts < deliveryRateMin ? live.delivered / verdicts : undefined
  return (
    <div className={`journey-node__counts${simulated ? '' : ' journey-node__counts--live'}`} data-testid={`counts-${nodeId}`}>
      {shown.map(([name, value]) => (
        <span key={name}>
          <strong>{value.toLocaleString(locale)}</strong> {localize(LABELS[name] as LocalizedText, locale)}
        </span>
      ))}
      {lowDelivery !== undefined && (
        <span className="journey-node__alarm" role="alert">
          ⚠ {localize({ en: `${(lowDelivery * 100).toFixed(1)}% delivered`, zh: `送达率 ${(lowDelivery * 100).toFixed(1)}%` }, locale)}
        </span>
      )}
    </div>
  )
}
