import type * as Dysmsapi from '@alicloud/dysmsapi20170525'
import type { ProviderTemplateInput, TemplateCategory, TemplateReview } from '@recall/shared'
import { type AliyunAccount, clientFor as aliyunClient, loadSdk as aliyunSdk, thrown as aliyunThrown } from './aliyun'
import { type TencentAccount, clientFor as tencentClient, thrown as tencentThrown } from './tencent'
import { ProviderError } from './types'

/** QuerySmsTemplateList answers at most 50 a page; DescribeSmsTemplateList at most 100. */
const ALIYUN_PAGE = 50
const TENCENT_PAGE = 100
/** No account has this many templates; the bound keeps a misbehaving cloud from paging forever. */
const MAX_PAGES = 100

const ALIYUN_REVIEW: Record<string, TemplateReview> = { AUDIT_STATE_PASS: 'approved', AUDIT_STATE_INIT: 'pending', AUDIT_STATE_NOT_PASS: 'rejected', AUDIT_SATE_CANCEL: 'rejected' }

/** Aliyun's TemplateType 1 and OuterTemplateType 2 are promotional (推广短信); the rest notify. */
function aliyunCategory(template: Dysmsapi.QuerySmsTemplateListResponseBodySmsTemplateList): TemplateCategory {
  return template.templateType === 1 || template.outerTemplateType === 2 ? 'marketing' : 'notification'
}

/** Every template of the Aliyun account, page by page, through the official SDK. */
export async function aliyunTemplateList(account: AliyunAccount): Promise<ProviderTemplateInput[]> {
  const client = await aliyunClient(account)
  const { requests } = await aliyunSdk()
  const templates: ProviderTemplateInput[] = []
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await client.querySmsTemplateList(new requests.QuerySmsTemplateListRequest({ pageIndex: page, pageSize: ALIYUN_PAGE })).catch((cause: unknown) => {
      throw aliyunThrown(cause)
    })
    const body = answer.body
    if (body?.code !== 'OK') throw new ProviderError('permanent', body?.code ?? 'no_answer', body?.message ?? 'refused')
    const list = body.smsTemplateList ?? []
    for (const template of list)
      templates.push({
        code: template.templateCode ?? '',
        name: template.templateName ?? '',
        text: template.templateContent ?? '',
        category: aliyunCategory(template),
        status: ALIYUN_REVIEW[template.auditStatus ?? ''] ?? 'pending',
      })
    if (list.length < ALIYUN_PAGE || templates.length >= (body.totalCount ?? 0)) break
  }
  return templates
}

/** Tencent's StatusCode: 0 approved and in effect, 1 under review, 2 approved but not yet in effect, -1 rejected. */
function tencentReview(status: number | undefined): TemplateReview {
  if (status === 0) return 'approved'
  return status === -1 ? 'rejected' : 'pending'
}

/**
 * Every mainland template of the Tencent account. The list does not say whether a template is for
 * marketing: the category already in the registry is kept, and a new template carrying the account's
 * opt-out wording counts as marketing (Tencent requires it there and nowhere else).
 */
export async function tencentTemplateList(account: TencentAccount, known: ReadonlyMap<string, TemplateCategory>, optOut: string): Promise<ProviderTemplateInput[]> {
  const client = await tencentClient(account)
  const templates: ProviderTemplateInput[] = []
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await client.DescribeSmsTemplateList({ International: 0, Limit: TENCENT_PAGE, Offset: page * TENCENT_PAGE }).catch((cause: unknown) => {
      throw tencentThrown(cause)
    })
    const list = answer.DescribeTemplateStatusSet ?? []
    for (const template of list) {
      const code = String(template.TemplateId ?? '')
      const text = template.TemplateContent ?? ''
      templates.push({
        code,
        name: template.TemplateName ?? '',
        text,
        category: known.get(code) ?? (text.includes(optOut) ? 'marketing' : 'notification'),
        status: tencentReview(template.StatusCode),
      })
    }
    if (list.length < TENCENT_PAGE) break
  }
  return templates
}
