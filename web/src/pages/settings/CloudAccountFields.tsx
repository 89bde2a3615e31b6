import { type LocalizedText, localize } from '@recall/shared'
import { useLocale } from '../../app/locale'
import { CloudLimitFields, type CloudLimitsValue } from './CloudLimitFields'

/** One field of a cloud account: plain (shown again) or secret (write-only, sealed by the server). */
export interface CloudField {
  key: string
  label: LocalizedText
  secret?: boolean
  placeholder?: string
}

/** Aliyun SMS and Tencent Cloud SMS: what their consoles give, in the order they give it. */
export const CLOUD_ACCOUNTS = {
  aliyun: {
    legend: { en: 'Aliyun SMS (approved sign + template)', zh: '阿里云短信(已审核签名 + 模板)' },
    defaults: { endpoint: 'https://dysmsapi.aliyuncs.com', accessKeyId: '', signName: '' },
    fields: [
      { key: 'endpoint', label: { en: 'Endpoint', zh: '接入地址' } },
      { key: 'accessKeyId', label: { en: 'AccessKey ID', zh: 'AccessKey ID' } },
      { key: 'signName', label: { en: 'Sign name', zh: '短信签名' } },
      { key: 'accessKeySecret', label: { en: 'AccessKey secret', zh: 'AccessKey Secret' }, secret: true },
      { key: 'callbackToken', label: { en: 'Callback token (add ?token=… to the receipt and reply URLs)', zh: '回调令牌(在回执和上行地址后加 ?token=…)' }, secret: true },
    ],
    callbacks: {
      status: { en: 'Delivery receipts (状态报告接收)', zh: '状态报告接收' },
      inbound: { en: 'Replies (上行短信接收)', zh: '上行短信接收' },
    },
  },
  tencent: {
    legend: { en: 'Tencent Cloud SMS (approved sign + template)', zh: '腾讯云短信(已审核签名 + 模板)' },
    defaults: { endpoint: 'https://sms.tencentcloudapi.com', region: 'ap-guangzhou', secretId: '', smsSdkAppId: '', signName: '' },
    fields: [
      { key: 'endpoint', label: { en: 'Endpoint', zh: '接入地址' } },
      { key: 'region', label: { en: 'Region', zh: '地域' }, placeholder: 'ap-guangzhou' },
      { key: 'secretId', label: { en: 'SecretId', zh: 'SecretId' } },
      { key: 'smsSdkAppId', label: { en: 'SMS SdkAppId', zh: '短信应用 SdkAppId' }, placeholder: '1400006666' },
      { key: 'signName', label: { en: 'Sign name', zh: '短信签名' } },
      { key: 'secretKey', label: { en: 'SecretKey', zh: 'SecretKey' }, secret: true },
      { key: 'callbackToken', label: { en: 'Callback token (add ?token=… to the status and reply URLs)', zh: '回调令牌(在状态和回复回调地址后加 ?token=…)' }, secret: true },
    ],
    callbacks: {
      status: { en: 'Status callback (短信状态回调)', zh: '短信状态回调' },
      inbound: { en: 'Reply callback (短信回复回调)', zh: '短信回复回调' },
    },
  },
} satisfies Record<string, { legend: LocalizedText; defaults: Record<string, string>; fields: CloudField[]; callbacks: Record<'status' | 'inbound', LocalizedText> }>

export type CloudName = keyof typeof CLOUD_ACCOUNTS

/** An account as the API answers it: the console's text fields and the cloud's limits. */
export type CloudAccountValue = Record<string, unknown> & CloudLimitsValue

interface Props {
  name: CloudName
  value: CloudAccountValue
  /** Which secrets the server holds ("aliyun.accessKeySecret"…). */
  secretsSet: readonly string[]
  onChange(next: CloudAccountValue): void
}

/** A cloud account's fields; secrets left empty keep what the server holds. */
export function CloudAccountFields({ name, value, secretsSet, onChange }: Props) {
  const locale = useLocale()
  const account = CLOUD_ACCOUNTS[name]
  const keep = localize({ en: 'set; leave empty to keep it', zh: '已设置,留空则保持不变' }, locale)
  return (
    <fieldset className="provider">
      <legend>{localize(account.legend, locale)}</legend>
      {account.fields.map((field: CloudField) => {
        const label = localize(field.label, locale)
        return field.secret ? (
          <input
            key={field.key}
            type="password"
            aria-label={label}
            placeholder={secretsSet.includes(`${name}.${field.key}`) ? `${label} ${keep}` : label}
            onChange={(event) => onChange({ ...value, [field.key]: event.target.value || undefined })}
          />
        ) : (
          <input
            key={field.key}
            aria-label={label}
            placeholder={field.placeholder ?? label}
            value={(value[field.key] as string | undefined) ?? ''}
            onChange={(event) => onChange({ ...value, [field.key]: event.target.value })}
          />
        )
      })}
      <CallbackUrls name={name} />
      <CloudLimitFields name={name} value={value} onChange={(limits) => onChange({ ...value, ...limits })} />
    </fieldset>
  )
}

/**
 * The addresses to paste into the cloud's console, named as the console names them. Built from
 * this page's address: behind a proxy the public one (RECALL_PUBLIC_URL) is what the cloud must reach.
 */
function CallbackUrls({ name }: { name: CloudName }) {
  const locale = useLocale()
  const base = `${window.location.origin}/api/webhooks/sms/${name}`
  const token = localize({ en: '<callback token>', zh: '<回调令牌>' }, locale)
  return (
    <div className="callback-urls">
      <p className="hint">{localize({ en: 'Register these callback URLs in the console:', zh: '请在控制台登记以下回调地址:' }, locale)}</p>
      <dl>
        {(['status', 'inbound'] as const).map((kind) => (
          <div key={kind}>
            <dt>{localize(CLOUD_ACCOUNTS[name].callbacks[kind], locale)}</dt>
            <dd>
              <code>{`${base}/${kind}?token=${token}`}</code>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
