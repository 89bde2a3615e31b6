import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../app/locale'
import { TEXT } from '../app/texts'
import { useSimulateRefusal } from './may-simulate'

/**
 * The toolbar's Simulate: off for a viewer, who is told why beside it, and while the journey cannot
 * be simulated (`blocked`, with its own reason on hover).
 */
export function SimulateButton({ blocked, blockedReason, onClick }: { blocked: boolean; blockedReason?: LocalizedText; onClick(): void }) {
  const locale = useLocale()
  const refusal = useSimulateRefusal()
  const reason = refusal ?? (blocked ? blockedReason : undefined)
  return (
    // The reason also sits on the wrapper: a disabled button gets no hover in every browser.
    <span className="simulate-button" title={reason && localize(reason, locale)}>
      <button type="button" disabled={blocked || refusal !== undefined} title={reason && localize(reason, locale)} onClick={onClick}>
        ▶ {localize(TEXT.simulate, locale)}
      </button>
      {refusal && <span className="hint simulate-button__reason">{localize(refusal, locale)}</span>}
    </span>
  )
}
