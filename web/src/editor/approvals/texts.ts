import type { LocalizedText } from '@recall/shared'

/** The approvals UI's words, in English and Simplified Chinese. */
export const APPROVAL_TEXT = {
  submit: { en: 'Submit for review', zh: '提交审核' },
  submitHint: {
    en: 'Your account publishes through review: someone who can publish sees the changes and the forecast, then approves or rejects.',
    zh: '你的账号需经审核发布:有发布权限的人查看变更和预测后批准或驳回。',
  },
  needsApproval: { en: 'This version needs an approval before it goes live:', zh: '此版本需要审批后才能上线:' },
  submitted: { en: 'Submitted for review', zh: '已提交审核' },
  reviewNote: { en: 'Note for the reviewer', zh: '给审核人的说明' },
  review: { en: 'Review', zh: '审核' },
  reviewTitle: { en: 'Review the submitted version', zh: '审核提交的版本' },
  approve: { en: 'Approve and publish', zh: '批准并发布' },
  reject: { en: 'Reject', zh: '驳回' },
  comment: { en: 'Comment (required to reject)', zh: '评论(驳回时必填)' },
  submittedBy: { en: 'Submitted by', zh: '提交人' },
  changesTitle: { en: 'Submitted version compared with the live version', zh: '提交版本与线上版本对比' },
  newJourney: { en: 'Not published yet: the whole journey is new.', zh: '尚未发布:整个旅程都是新的。' },
  draftMovedOn: {
    en: 'The draft was edited after this submission (revision {from} → {to}). Approving publishes what was submitted (revision {from}), not the later edits.',
    zh: '提交后草稿又被修改(第 {from} 版 → 第 {to} 版)。批准发布的是提交的内容(第 {from} 版),不含之后的修改。',
  },
  cannotReview: {
    en: 'You cannot decide on this one: it is your own submission, or your account does not publish.',
    zh: '你不能审核此提交:这是你自己的提交,或你的账号没有发布权限。',
  },
  forecast: { en: 'Forecast at submission', zh: '提交时的预测' },
  next24h: { en: 'Messages in the next 24 hours', zh: '未来 24 小时消息数' },
  costOver: { en: 'Cost over {days} days', zh: '{days} 天费用' },
  overLimit: { en: 'over the workspace limit', zh: '超过工作区上限' },
  noForecast: { en: 'No forecast recorded', zh: '未记录预测' },
  history: { en: 'Publishing history', zh: '发布记录' },
  noHistory: { en: 'Nothing published or submitted yet', zh: '还没有发布或提交记录' },
  pending: { en: 'Waiting for review', zh: '待审核' },
  kindSubmitted: { en: 'submitted', zh: '提交审核' },
  kindApproved: { en: 'approved', zh: '批准' },
  kindRejected: { en: 'rejected', zh: '驳回' },
  kindPublished: { en: 'published', zh: '发布' },
  revision: { en: 'draft revision', zh: '草稿修订' },
  approved: { en: 'Approved and published version', zh: '已批准并发布版本' },
  rejected: { en: 'Rejected', zh: '已驳回' },
} satisfies Record<string, LocalizedText>

export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_match, key: string) => String(values[key] ?? ''))
