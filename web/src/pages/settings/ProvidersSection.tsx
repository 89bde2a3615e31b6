import { type LocalizedText, localize, MESSAGE_CATEGORIES } from '@recall/shared'
import { type FormEvent, useEffect, useState } from 'react'
import { ApiFailure, api, failureText } from '../../app/api'
import { useLocale } from '../../app/locale'
import { CLOUD_ACCOUNTS, CloudAccountFields, type CloudAccountValue, type CloudName } from './CloudAccountFields'

type ProviderName = 'sandbox' | 'twilio' | 'cloud' | CloudName
const PROVIDERS = ['sandbox', 'twilio', 'cloud', 'aliyun', 'tencent'] as const
interface ProviderSettings extends Partial<Record<CloudName, CloudAccountValue>> {
  routes: Record<(typeof MESSAGE_CATEGORIES)[number], ProviderName>
  twilio?: { baseUrl: string; accountSid: string; from: string; authToken?: string }
  cloud?: { baseUrl: string; accessKeyId: string; signName: string; accessKeySecret?: string; callbackSecret?: string }
  secretsSet?: string[]
}

const TEXT = {
  title: { en: 'SMS providers', zh: '短信服务商' },
  routes: { en: 'Who sends each category', zh: '各类消息的发送服务商' },
  sandbox: { en: 'Sandbox (sends nothing; simulated receipts and clicks)', zh: '沙箱(不真实发送,模拟回执与点击)' },
  twilio: { en: 'Twilio-compatible HTTP API', zh: 'Twilio 兼容 HTTP 接口' },
  cloud: { en: 'Template SMS cloud (sign name + template code)', zh: '模板短信云(签名 + 模板编号)' },
  aliyun: CLOUD_ACCOUNTS.aliyun.legend,
  tencent: CLOUD_ACCOUNTS.tencent.legend,
  secretSet: { en: 'set; leave empty to keep it', zh: '已设置,留空则保持不变' },
  save: { en: 'Save providers', zh: '保存服务商设置' },
  saved: { en: 'Saved. Credentials are stored encrypted and never shown again.', zh: '已保存。凭据加密存储,不会再次显示。' },
  webhooks: {
    en: 'Point delivery reports to /api/webhooks/sms/<provider>/status and replies to /api/webhooks/sms/<provider>/inbound.',
    zh: '请将状态报告回调设为 /api/webhooks/sms/<服务商>/status,上行回复设为 /api/webhooks/sms/<服务商>/inbound。',
  },
} satisfies Record<string, LocalizedText>

const CATEGORY_LABELS: Record<string, LocalizedText> = {
  marketing: { en: 'Marketing', zh: '营销' },
  recall: { en: 'Recall', zh: '召回' },
  transactional: { en: 'Transactional', zh: '通知' },
}

/** Which provider sends which category, and their credentials (write-only). */
export function ProvidersSection() {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const [settings, setSettings] = useState<ProviderSettings | undefined>()
  const [message, setMessage] = useState<{ kind: 'error' | 'notice'; text: string; problems?: string[] } | undefined>()
  useEffect(() => void api<ProviderSettings>('GET', '/settings/providers').then(setSettings), [])
  if (!settings) return null
  const secretHint = (name: string) => (settings.secretsSet?.includes(name) ? t(TEXT.secretSet) : '')
  const twilio = settings.twilio ?? { baseUrl: 'https://api.twilio.com', accountSid: '', from: '' }
  const cloud = settings.cloud ?? { baseUrl: 'https://sms.example-cloud.cn', accessKeyId: '', signName: '' }
  const uses = (name: ProviderName) => Object.values(settings.routes).includes(name)
  const clouds = (['aliyun', 'tencent'] as const).filter(uses)
  const accountOf = (name: CloudName) => settings[name] ?? CLOUD_ACCOUNTS[name].defaults

  async function save(event: FormEvent) {
    event.preventDefault()
    if (!settings) return
    const { secretsSet: _shown, ...body } = settings
    try {
      const accounts = Object.fromEntries(clouds.map((name) => [name, accountOf(name)]))
      setSettings(await api<ProviderSettings>('PUT', '/settings/providers', { ...body, ...(uses('twilio') ? { twilio } : {}), ...(uses('cloud') ? { cloud } : {}), ...accounts }))
      setMessage({ kind: 'notice', text: t(TEXT.saved) })
    } catch (cause) {
      // One line per problem: a refused route can name several journeys and nodes.
      setMessage({ kind: 'error', text: failureText(cause), problems: cause instanceof ApiFailure ? cause.problems.map((problem) => problem.text ?? t(problem.message)) : [] })
    }
  }

  return (
    <form className="settings" onSubmit={(event) => void save(event)}>
      <h2>{t(TEXT.title)}</h2>
      <p className="hint">{t(TEXT.webhooks)}</p>
      <h3>{t(TEXT.routes)}</h3>
      {MESSAGE_CATEGORIES.map((category) => (
        <label key={category} className="field">
          <span className="field__label">{t(CATEGORY_LABELS[category] as LocalizedText)}</span>
          <select
            value={settings.routes[category]}
            onChange={(event) => setSettings({ ...settings, routes: { ...settings.routes, [category]: event.target.value as ProviderName } })}
          >
            {PROVIDERS.map((name) => (
              <option key={name} value={name}>
                {t(TEXT[name])}
              </option>
            ))}
          </select>
        </label>
      ))}
      {uses('twilio') && (
        <fieldset className="provider">
          <legend>{t(TEXT.twilio)}</legend>
          <input aria-label="Base URL" value={twilio.baseUrl} onChange={(event) => setSettings({ ...settings, twilio: { ...twilio, baseUrl: event.target.value } })} />
          <input
            aria-label="Account SID"
            placeholder="Account SID"
            value={twilio.accountSid}
            onChange={(event) => setSettings({ ...settings, twilio: { ...twilio, accountSid: event.target.value } })}
          />
          <input
            aria-label="From"
            placeholder="From (+1…)"
            value={twilio.from}
            onChange={(event) => setSettings({ ...settings, twilio: { ...twilio, from: event.target.value } })}
          />
          <input
            type="password"
            aria-label="Auth token"
            placeholder={`Auth token ${secretHint('twilio.authToken')}`}
            onChange={(event) => setSettings({ ...settings, twilio: { ...twilio, authToken: event.target.value || undefined } as ProviderSettings['twilio'] })}
          />
        </fieldset>
      )}
      {uses('cloud') && (
        <fieldset className="provider">
          <legend>{t(TEXT.cloud)}</legend>
          <input aria-label="Base URL" value={cloud.baseUrl} onChange={(event) => setSettings({ ...settings, cloud: { ...cloud, baseUrl: event.target.value } })} />
          <input
            aria-label="AccessKey ID"
            placeholder="AccessKey ID"
            value={cloud.accessKeyId}
            onChange={(event) => setSettings({ ...settings, cloud: { ...cloud, accessKeyId: event.target.value } })}
          />
          <input
            aria-label="Sign name"
            placeholder="签名 Sign name"
            value={cloud.signName}
            onChange={(event) => setSettings({ ...settings, cloud: { ...cloud, signName: event.target.value } })}
          />
          <input
            type="password"
            aria-label="AccessKey secret"
            placeholder={`AccessKey secret ${secretHint('cloud.accessKeySecret')}`}
            onChange={(event) => setSettings({ ...settings, cloud: { ...cloud, accessKeySecret: event.target.value || undefined } as ProviderSettings['cloud'] })}
          />
          <input
            type="password"
            aria-label="Callback secret"
            placeholder={`Callback secret ${secretHint('cloud.callbackSecret')}`}
            onChange={(event) => setSettings({ ...settings, cloud: { ...cloud, callbackSecret: event.target.value || undefined } as ProviderSettings['cloud'] })}
          />
        </fieldset>
      )}
      {clouds.map((name) => (
        <CloudAccountFields key={name} name={name} value={accountOf(name)} secretsSet={settings.secretsSet ?? []} onChange={(next) => setSettings({ ...settings, [name]: next })} />
      ))}
      {message && (
        <div className={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {/* A refusal whose message only strings its problems together shows them once, as the list. */}
          {!(message.problems?.length && message.problems.every((text) => message.text.includes(text))) && <p>{message.text}</p>}
          {message.problems && message.problems.length > 0 && (
            <ul>
              {message.problems.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <button type="submit" className="primary">
        {t(TEXT.save)}
      </button>
    </form>
  )
}
