/**
 * The template list calls of the local fake clouds, answered as the clouds document them:
 * Aliyun QuerySmsTemplateList (PageIndex from 1, PageSize ≤ 50) and Tencent DescribeSmsTemplateList
 * (Offset, Limit ≤ 100). The fakes verify each call's signature before asking these.
 */

/** A template in the Aliyun console: TemplateType 1 is promotional, 0 notification. */
export interface AliyunListedTemplate {
  code: string
  name: string
  text: string
  templateType: 0 | 1
  auditStatus: 'AUDIT_STATE_PASS' | 'AUDIT_STATE_INIT' | 'AUDIT_STATE_NOT_PASS'
}

/** A template in the Tencent console: StatusCode 0 approved, 1 under review, -1 rejected. */
export interface TencentListedTemplate {
  id: number
  name: string
  text: string
  statusCode: 0 | 1 | -1
}

export function aliyunTemplateListAnswer(params: URLSearchParams, listed: readonly AliyunListedTemplate[]): Record<string, unknown> {
  const page = Number(params.get('PageIndex') ?? 1)
  const size = Number(params.get('PageSize') ?? 10)
  if (!(size >= 1 && size <= 50)) return { Code: 'isv.INVALID_PARAMETERS', Message: 'PageSize 取值范围 1-50' }
  const slice = listed.slice((page - 1) * size, page * size)
  return {
    Code: 'OK',
    Message: 'OK',
    CurrentPage: page,
    PageSize: size,
    TotalCount: listed.length,
    SmsTemplateList: slice.map((template) => ({
      TemplateCode: template.code,
      TemplateName: template.name,
      TemplateContent: template.text,
      TemplateType: template.templateType,
      OuterTemplateType: template.templateType === 1 ? 2 : 1,
      AuditStatus: template.auditStatus,
      CreateDate: '2026-11-01 10:00:00',
      Reason: { RejectInfo: template.auditStatus === 'AUDIT_STATE_NOT_PASS' ? '内容含营销信息' : '', RejectDate: '', RejectSubInfo: '' },
    })),
  }
}

export function tencentTemplateListAnswer(input: { International?: number; Limit?: number; Offset?: number }, listed: readonly TencentListedTemplate[]): Record<string, unknown> {
  if (input.International !== 0 && input.International !== 1) return { Error: { Code: 'MissingParameter', Message: 'International is required' } }
  const limit = input.Limit ?? 0
  if (limit > 100) return { Error: { Code: 'InvalidParameterValue.LimitTooLarge', Message: 'Limit 最多 100' } }
  const offset = input.Offset ?? 0
  return {
    DescribeTemplateStatusSet: listed.slice(offset, offset + limit).map((template) => ({
      TemplateId: template.id,
      International: 0,
      StatusCode: template.statusCode,
      ReviewReply: template.statusCode === -1 ? '模板内容不规范' : '',
      TemplateName: template.name,
      CreateTime: 1_764_000_000,
      TemplateContent: template.text,
    })),
  }
}
