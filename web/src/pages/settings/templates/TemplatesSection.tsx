import { type LocalizedText, localize, type ProviderTemplate, TEMPLATE_CLOUDS, type TemplateCloud } from '@recall/shared'
import { useEffect, useState } from 'react'
import { api } from '../../../app/api'
import { useLocale } from '../../../app/locale'
import { CloudTemplates } from './CloudTemplates'

interface TemplateRegistry {
  templates: ProviderTemplate[]
  optOutWording: Record<TemplateCloud, string>
}

const TEXT = {
  title: { en: 'SMS templates (Aliyun, Tencent Cloud)', zh: '短信模板(阿里云、腾讯云)' },
  hint: {
    en: 'These clouds send only templates they approved. Sync reads the account’s list through the cloud’s API; Import takes a JSON list of {code, name, text, category, status}. An SMS node routed to a cloud picks one of its approved templates.',
    zh: '这些短信云只发送已审核通过的模板。"从云端同步"通过云端接口读取账号下的模板;"导入"接受 {code, name, text, category, status} 的 JSON 列表。路由到短信云的短信节点从其已通过的模板中选择。',
  },
} satisfies Record<string, LocalizedText>

/** Each template cloud's registry, for admins. */
export function TemplatesSection() {
  const locale = useLocale()
  const [registry, setRegistry] = useState<TemplateRegistry | undefined>()
  useEffect(() => void api<TemplateRegistry>('GET', '/provider-templates').then(setRegistry), [])
  if (!registry) return null
  return (
    <section className="settings">
      <h2>{localize(TEXT.title, locale)}</h2>
      <p className="hint">{localize(TEXT.hint, locale)}</p>
      {TEMPLATE_CLOUDS.map((cloud) => (
        <CloudTemplates
          key={cloud}
          cloud={cloud}
          templates={registry.templates.filter((template) => template.provider === cloud)}
          wording={registry.optOutWording[cloud]}
          onChanged={(change) =>
            setRegistry({
              templates: change.templates ? [...registry.templates.filter((template) => template.provider !== cloud), ...change.templates] : registry.templates,
              optOutWording: change.optOutWording ?? registry.optOutWording,
            })
          }
        />
      ))}
    </section>
  )
}
