import type { LocalizedText, ProviderTemplate, TemplateCloud } from '@recall/shared'
import { ApiError } from '../../plugins/errors'
import type { Providers } from '../../providers/router'
import { aliyunTemplateList, tencentTemplateList } from '../../providers/template-lists'
import { ProviderError } from '../../providers/types'
import type { providerTemplatesRepository } from '../../repositories/provider-templates'

type Repository = ReturnType<typeof providerTemplatesRepository>

/** Asks the cloud for its list with no transaction open, then replaces the registry in one. */
export async function syncTemplates(provider: TemplateCloud, providers: Providers, repository: Repository, cloud: LocalizedText): Promise<ProviderTemplate[]> {
  const fetched = await fetchList(provider, providers, repository).catch((cause: unknown) => {
    if (!(cause instanceof ProviderError)) throw cause
    throw new ApiError(502, 'template_sync_failed', {
      en: `${cloud.en} did not give its template list (${cause.code}): check the account's keys and endpoint`,
      zh: `${cloud.zh}未返回模板列表(${cause.code}):请检查账号密钥和接入地址`,
    })
  })
  return repository.replaceAll(provider, fetched)
}

async function fetchList(provider: TemplateCloud, providers: Providers, repository: Repository) {
  if (provider === 'aliyun') {
    const account = providers.accounts.aliyun
    if (!account) throw notConfigured(provider)
    return aliyunTemplateList(account)
  }
  const account = providers.accounts.tencent
  if (!account) throw notConfigured(provider)
  const known = new Map((await repository.list('tencent')).map((template) => [template.code, template.category]))
  return tencentTemplateList(account, known, (await repository.optOutWording()).tencent)
}

const notConfigured = (provider: TemplateCloud) =>
  new ApiError(409, 'provider_not_configured', {
    en: `Fill in the ${provider} account (keys and callback token) in Settings → Providers before syncing its templates`,
    zh: `请先在"设置 → 短信服务商"中填写 ${provider} 账号(密钥与回调令牌),再同步模板`,
  })
