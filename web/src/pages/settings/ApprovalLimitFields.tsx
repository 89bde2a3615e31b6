import { type ApprovalRule, type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../../app/locale'
import { Field, NumberInput } from '../../inspector/fields'

const TEXT = {
  title: { en: 'Approval before publishing', zh: '发布前审批' },
  hint: {
    en: 'When the forecast of a publish passes a limit, an editor must submit it for review; an admin (or an editor who can publish) approves it. Untick a limit to have none.',
    zh: '发布的预测超过任一上限时,编辑者需提交审核,由管理员(或可直接发布的编辑者)批准。取消勾选表示不设上限。',
  },
  messages: { en: 'More messages in the first 24 hours than', zh: '前 24 小时消息数超过' },
  cost: { en: 'A cost over the forecast’s 14 days (yuan) above', zh: '预测 14 天费用(元)超过' },
  on: { en: 'Limit', zh: '设上限' },
} satisfies Record<string, LocalizedText>

/** The workspace rule: a limit on the forecast's messages in 24 hours and on its cost, each optional (null = none). */
export function ApprovalLimitFields({ value, onChange }: { value: ApprovalRule; onChange(value: ApprovalRule): void }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const limit = (key: keyof ApprovalRule, label: LocalizedText, start: number, step: number) => (
    <Field label={label}>
      <span className="inline">
        <input
          type="checkbox"
          aria-label={`${t(TEXT.on)}: ${t(label)}`}
          checked={value[key] !== null}
          onChange={(event) => onChange({ ...value, [key]: event.target.checked ? start : null })}
        />
        {value[key] !== null && <NumberInput value={value[key] ?? start} step={step} label={t(label)} onChange={(next) => onChange({ ...value, [key]: next })} />}
      </span>
    </Field>
  )
  return (
    <fieldset className="approval-limits">
      <legend>{t(TEXT.title)}</legend>
      <p className="hint">{t(TEXT.hint)}</p>
      {limit('approvalMessagesPer24h', TEXT.messages, 10_000, 1)}
      {limit('approvalCost', TEXT.cost, 500, 0.01)}
    </fieldset>
  )
}
