import { type ApprovalLimit, type ApprovalReason, type ApprovalRule, error, type Problem, type PublishForecastFigures } from '@recall/shared'
import { ApiError } from '../plugins/errors'
import type { PublishRights } from './rights'

/** Which limits the forecast passes: strictly more messages in 24 hours than N, strictly more cost than X. */
export function limitsPassed(rule: ApprovalRule, figures: Pick<PublishForecastFigures, 'next24hMessages' | 'cost'>): ApprovalLimit[] {
  const over: ApprovalLimit[] = []
  if (rule.approvalMessagesPer24h !== null && figures.next24hMessages > rule.approvalMessagesPer24h) over.push('messages')
  if (rule.approvalCost !== null && figures.cost > rule.approvalCost) over.push('cost')
  return over
}

/**
 * Why this publisher needs a review for a version whose forecast passes `over` (`undefined`: the rule
 * is on but there is no forecast, as for a journey never published: with no live state to forecast
 * from, its sending is unknown, so it is reviewed). Empty: publish away. Admins never need one.
 */
export function approvalReasons(rights: PublishRights, over: readonly ApprovalLimit[] | undefined): ApprovalReason[] {
  if (rights === 'admin') return []
  const reasons: ApprovalReason[] = rights === 'publisher' ? [] : ['no_publish_right']
  if (over === undefined) return [...reasons, 'no_forecast']
  if (over.includes('messages')) reasons.push('over_messages')
  if (over.includes('cost')) reasons.push('over_cost')
  return reasons
}

const yuan = (value: number) => `¥${value.toFixed(2)}`

function reasonProblem(reason: ApprovalReason, rule: ApprovalRule, figures: PublishForecastFigures | null): Problem {
  switch (reason) {
    case 'no_publish_right':
      return error('approval.no_publish_right', '/user/canPublish', { en: 'Your account may not publish without review', zh: '你的账号没有"可直接发布"权限,需要审批' })
    case 'no_forecast':
      return error('approval.no_forecast', '/forecast', {
        en: 'The workspace rule asks for a forecast, and a journey never published has no live state to forecast from',
        zh: '工作区规则需要预测,而从未发布的旅程没有线上状态可供预测',
      })
    case 'over_messages':
      return error('approval.over_messages', '/forecast/next24hMessages', {
        en: `The forecast sends ${figures?.next24hMessages} messages in the next 24 hours, more than the workspace's limit of ${rule.approvalMessagesPer24h}`,
        zh: `预测未来 24 小时发送 ${figures?.next24hMessages} 条消息,超过工作区上限 ${rule.approvalMessagesPer24h} 条`,
      })
    case 'over_cost':
      return error('approval.over_cost', '/forecast/cost', {
        en: `The forecast costs ${yuan(figures?.cost ?? 0)} over ${figures?.days} days, more than the workspace's limit of ${yuan(rule.approvalCost ?? 0)}`,
        zh: `预测 ${figures?.days} 天费用 ${yuan(figures?.cost ?? 0)},超过工作区上限 ${yuan(rule.approvalCost ?? 0)}`,
      })
  }
}

/** The one refusal for publishing (now, scheduled or when due) a version that needs a review: 403 with each reason by field. */
export function approvalRequired(reasons: readonly ApprovalReason[], rule: ApprovalRule, figures: PublishForecastFigures | null): ApiError {
  return new ApiError(
    403,
    'approval_required',
    {
      en: 'This version needs an approval before it goes live: submit it for review, and someone who can publish approves it',
      zh: '此版本需要审批后才能上线:请提交审核,由有发布权限的人批准',
    },
    reasons.map((reason) => reasonProblem(reason, rule, figures)),
  )
}
