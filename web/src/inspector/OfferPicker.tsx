import { type LocalizedText, localize, type Offer, type OfferKind } from '@recall/shared'
import { useLocale } from '../app/locale'
import { Checkbox, Field, NumberInput, Select, TextInput } from './fields'

const TEXT = {
  offer: { en: 'Coupon', zh: '优惠券' },
  attach: { en: 'Issue a coupon with this message', zh: '随此消息发放优惠券' },
  kind: { en: 'Kind', zh: '类型' },
  value: { en: 'Value', zh: '面额' },
  threshold: { en: 'Minimum spend (yuan)', zh: '使用门槛(元)' },
  label: { en: 'Name shown to the customer', zh: '展示名称' },
  validHours: { en: 'Valid for (hours)', zh: '有效期(小时)' },
  pool: { en: 'Code pool id (empty: generated codes)', zh: '券码池标识(留空则自动生成券码)' },
} satisfies Record<string, LocalizedText>

const KINDS: { value: OfferKind; label: LocalizedText }[] = [
  { value: 'amount_off_over', label: { en: 'Amount off over a threshold (满减)', zh: '满减券' } },
  { value: 'percent_off', label: { en: 'Percent off (折扣)', zh: '折扣券' } },
  { value: 'amount_off', label: { en: 'No-threshold amount off', zh: '无门槛券' } },
  { value: 'gift', label: { en: 'Free gift', zh: '赠品券' } },
]

const DEFAULT_OFFER: Offer = { kind: 'amount_off_over', value: 30, threshold: 100, label: '满100减30券', validHours: 72 }

/** The coupon a send issues, in the forms from the playbook: 满减, 折扣, 无门槛, 赠品. */
export function OfferPicker({ value, onChange }: { value: Offer | undefined; onChange(value: Offer | undefined): void }) {
  const locale = useLocale()
  return (
    <fieldset className="offer">
      <legend>{localize(TEXT.offer, locale)}</legend>
      <Checkbox checked={value !== undefined} label={TEXT.attach} onChange={(on) => onChange(on ? DEFAULT_OFFER : undefined)} />
      {value && (
        <>
          <Field label={TEXT.kind}>
            <Select value={value.kind} options={KINDS} onChange={(kind) => onChange({ ...value, kind })} />
          </Field>
          {value.kind !== 'gift' && (
            <Field label={TEXT.value} hint={value.kind === 'percent_off' ? { en: '20 = 20% off (8折)', zh: '20 表示减 20%(即 8 折)' } : undefined}>
              <NumberInput value={value.value} max={value.kind === 'percent_off' ? 100 : undefined} onChange={(amount) => onChange({ ...value, value: amount })} />
            </Field>
          )}
          {value.kind === 'amount_off_over' && (
            <Field label={TEXT.threshold}>
              <NumberInput value={value.threshold ?? 0} onChange={(threshold) => onChange({ ...value, threshold })} />
            </Field>
          )}
          <Field label={TEXT.label}>
            <TextInput value={value.label} maxLength={60} onChange={(label) => onChange({ ...value, label })} />
          </Field>
          <Field label={TEXT.validHours}>
            <NumberInput value={value.validHours ?? 72} min={1} max={24 * 366} onChange={(validHours) => onChange({ ...value, validHours })} />
          </Field>
          <Field label={TEXT.pool}>
            <TextInput
              value={value.poolId ?? ''}
              onChange={(poolId) => {
                const { poolId: _dropped, ...rest } = value
                onChange(poolId.trim() === '' ? rest : { ...rest, poolId: poolId.trim() })
              }}
            />
          </Field>
        </>
      )}
    </fieldset>
  )
}
