import { type LocalizedText, localize } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api, failureText } from '../../app/api'
import { useLocale } from '../../app/locale'
import { Field, NumberInput, Select } from '../../inspector/fields'
import { ApprovalLimitFields } from './ApprovalLimitFields'

interface WorkspaceSettings {
  pricePerPart: number
  pricePerMms: number
  deliveryRateMin: number
  unsubscribeRateMax: number
  unknownContacts: 'create' | 'refuse'
  lateEventHours: number
  controlGroupPercent: number
  approvalMessagesPer24h: number | null
  approvalCost: number | null
}

const TEXT = {
  title: { en: 'Prices and alarms', zh: '价格与告警' },
  perPart: { en: 'Price per SMS part (yuan)', zh: '每条计费短信价格(元)' },
  perMms: { en: 'Price per MMS (yuan)', zh: '每条彩信价格(元)' },
  delivery: { en: 'Alarm when delivery falls under (%)', zh: '送达率低于此值时告警(%)' },
  unsubscribe: { en: 'Alarm when opt-outs pass (%)', zh: '退订率高于此值时告警(%)' },
  unknownContacts: { en: 'Events for a user id not yet known', zh: '事件中的用户 ID 尚不存在时' },
  create: { en: 'Create a bare contact (no phone, no consent) that can enter journeys', zh: '创建空白联系人(无手机号、未同意),可进入旅程' },
  refuse: { en: 'Refuse that event (the rest of the batch is taken)', zh: '拒收该事件(同批其他事件照常接收)' },
  lateEventHours: { en: 'Events older than this start no journey (hours; still stored for segments)', zh: '早于此时长的事件不触发旅程(小时;仍保存用于分群)' },
  controlGroup: {
    en: 'Global control group (% of contacts that get no marketing or recall message, to measure uplift; 0 or empty = off)',
    zh: '全局对照组(不接收任何营销或召回消息的联系人比例 %,用于衡量增量;0 或留空为关闭)',
  },
  save: { en: 'Save', zh: '保存' },
  saved: { en: 'Saved', zh: '已保存' },
} satisfies Record<string, LocalizedText>

/** What messages cost in simulations and reports, the live view's alarm levels, and how incoming events are taken. */
export function WorkspaceSection() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [value, setValue] = useState<WorkspaceSettings | undefined>()
  const [message, setMessage] = useState<string | undefined>()
  useEffect(() => void api<WorkspaceSettings>('GET', '/settings/workspace').then(setValue), [])
  if (!value) return null
  const percent = (key: 'deliveryRateMin' | 'unsubscribeRateMax') => (
    <NumberInput value={Math.round(value[key] * 1000) / 10} max={100} step={0.1} onChange={(next) => setValue({ ...value, [key]: next / 100 })} />
  )
  return (
    <section className="settings">
      <h2>{t(TEXT.title)}</h2>
      <Field label={TEXT.perPart}>
        <NumberInput value={value.pricePerPart} step={0.01} max={10} onChange={(pricePerPart) => setValue({ ...value, pricePerPart })} />
      </Field>
      <Field label={TEXT.perMms}>
        <NumberInput value={value.pricePerMms} step={0.01} max={10} onChange={(pricePerMms) => setValue({ ...value, pricePerMms })} />
      </Field>
      <Field label={TEXT.delivery}>{percent('deliveryRateMin')}</Field>
      <Field label={TEXT.unsubscribe}>{percent('unsubscribeRateMax')}</Field>
      <Field label={TEXT.unknownContacts}>
        <Select
          value={value.unknownContacts}
          options={[
            { value: 'create', label: TEXT.create },
            { value: 'refuse', label: TEXT.refuse },
          ]}
          onChange={(unknownContacts) => setValue({ ...value, unknownContacts })}
        />
      </Field>
      <Field label={TEXT.lateEventHours}>
        <NumberInput value={value.lateEventHours} max={720} onChange={(lateEventHours) => setValue({ ...value, lateEventHours })} />
      </Field>
      <Field label={TEXT.controlGroup}>
        <NumberInput value={value.controlGroupPercent} emptyAs={0} max={50} step={0.5} onChange={(controlGroupPercent) => setValue({ ...value, controlGroupPercent })} />
      </Field>
      <ApprovalLimitFields
        value={{ approvalMessagesPer24h: value.approvalMessagesPer24h, approvalCost: value.approvalCost }}
        onChange={(limits) => setValue({ ...value, ...limits })}
      />
      {message && <p role="status">{message}</p>}
      <button
        type="button"
        className="primary"
        onClick={() =>
          void api<WorkspaceSettings>('PUT', '/settings/workspace', value).then(
            (saved) => {
              setValue(saved)
              setMessage(t(TEXT.saved))
            },
            (cause) => setMessage(failureText(cause)),
          )
        }
      >
        {t(TEXT.save)}
      </button>
    </section>
  )
}
