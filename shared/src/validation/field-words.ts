import type { LocalizedText } from '../i18n'

/**
 * What a person calls each field, by its name in the document or request. A pair ("duration/amount")
 * names a field whose own name means little alone. A field missing here is named by its words
 * ("reentryDays" → "reentry days"), never by its JSON path.
 */
const FIELD_WORDS: Record<string, LocalizedText> = {
  'duration/amount': { en: 'Wait duration', zh: '等待时长' },
  'duration/unit': { en: 'Wait unit', zh: '等待时长单位' },
  'window/amount': { en: 'Cap period', zh: '上限周期' },
  'window/unit': { en: 'Cap period unit', zh: '上限周期单位' },
  'notes/text': { en: 'Note text', zh: '便签内容' },
  'throttle/limit': { en: 'Entries per minute or hour', zh: '每分钟或每小时进入人数' },
  'throttle/per': { en: 'Throttle period', zh: '限流周期' },
  // Lists take `?limit=`: there it is a page size, not a frequency cap.
  'querystring/limit': { en: 'Page size', zh: '每页条数' },
  // A webhook's ?token=: the secret in the callback URL registered in a cloud's console.
  'querystring/token': { en: 'Callback token', zh: '回调令牌' },
  name: { en: 'Name', zh: '名称' },
  id: { en: 'Id', zh: '标识' },
  description: { en: 'Description', zh: '描述' },
  text: { en: 'Message text', zh: '短信内容' },
  fallbackText: { en: 'Fallback SMS text', zh: '降级短信内容' },
  title: { en: 'Title', zh: '标题' },
  brand: { en: 'Brand signature', zh: '品牌签名' },
  category: { en: 'Category', zh: '消息类别' },
  categories: { en: 'Categories', zh: '消息类别' },
  mode: { en: 'Wait mode', zh: '等待方式' },
  event: { en: 'Event', zh: '事件' },
  on: { en: 'Trigger', zh: '触发方式' },
  attribute: { en: 'Attribute', zh: '属性' },
  operator: { en: 'Comparison', zh: '比较方式' },
  value: { en: 'Value', zh: '值' },
  days: { en: 'Days', zh: '天数' },
  count: { en: 'Count', zh: '数量' },
  withinDays: { en: 'Within days', zh: '天数范围' },
  weight: { en: 'Share', zh: '分配比例' },
  variants: { en: 'Variants', zh: '分组' },
  branches: { en: 'Branches', zh: '分支' },
  label: { en: 'Label', zh: '名称' },
  holdout: { en: 'Control group', zh: '对照组' },
  slides: { en: 'Slides', zh: '彩信页' },
  media: { en: 'Media', zh: '媒体文件' },
  start: { en: 'Start', zh: '开始' },
  end: { en: 'End', zh: '结束' },
  weekdays: { en: 'Weekdays', zh: '星期' },
  reentry: { en: 'Re-entry', zh: '再次进入规则' },
  reentryDays: { en: 'Re-entry days', zh: '再次进入天数' },
  offsetDays: { en: 'Days before expiry', zh: '到期前天数' },
  validHours: { en: 'Valid hours', zh: '有效小时数' },
  limit: { en: 'Cap', zh: '频次上限' },
  price: { en: 'Price', zh: '价格' },
  pricePerPart: { en: 'Price per SMS part', zh: '每条短信价格' },
  pricePerMms: { en: 'Price per MMS', zh: '每条彩信价格' },
  deliveryRateMin: { en: 'Lowest delivery rate', zh: '最低送达率' },
  unsubscribeRateMax: { en: 'Highest unsubscribe rate', zh: '最高退订率' },
  approvalMessagesPer24h: { en: 'Approval limit on messages in 24 hours', zh: '审批上限:24 小时消息数' },
  approvalCost: { en: 'Approval limit on cost', zh: '审批上限:费用' },
  controlGroupPercent: { en: 'Global control group share', zh: '全局对照组比例' },
  clickRate: { en: 'Click rate', zh: '点击率' },
  orderRate: { en: 'Order rate', zh: '下单率' },
  redeemRate: { en: 'Redeem rate', zh: '核销率' },
  vipShare: { en: 'VIP share', zh: 'VIP 占比' },
  defaultTimeZone: { en: 'Default time zone', zh: '默认时区' },
  spreadHeldMinutes: { en: 'Spread minutes', zh: '分散发送分钟数' },
  dailyMessageCeiling: { en: 'Daily message ceiling', zh: '每日消息上限' },
  requestsPerSecond: { en: 'Requests per second', zh: '每秒请求数' },
  dailyTemplateLimit: { en: 'Daily limit per number and template', zh: '每个号码每个模板每日上限' },
  marketingWindow: { en: 'Marketing hours', zh: '营销短信发送时段' },
  pollReceipts: { en: 'Poll for receipts', zh: '主动查询回执' },
  shortLinkBase: { en: 'Short link address', zh: '短链接地址' },
  phone: { en: 'Phone', zh: '手机号' },
  email: { en: 'Email', zh: '邮箱' },
  password: { en: 'Password', zh: '密码' },
  currentPassword: { en: 'Current password', zh: '当前密码' },
  newPassword: { en: 'New password', zh: '新密码' },
  contactId: { en: 'Contact id', zh: '联系人标识' },
  contactIds: { en: 'Contact ids', zh: '联系人标识' },
  note: { en: 'Note', zh: '说明' },
  version: { en: 'Version', zh: '版本' },
  seed: { en: 'Seed', zh: '随机种子' },
  occurredAt: { en: 'Time of the event', zh: '事件时间' },
  properties: { en: 'Event properties', zh: '事件属性' },
  nodes: { en: 'Nodes', zh: '节点' },
  edges: { en: 'Connections', zh: '连线' },
  source: { en: 'Connection start', zh: '连线起点' },
  target: { en: 'Connection end', zh: '连线终点' },
  sourceHandle: { en: 'Output', zh: '输出口' },
  settings: { en: 'Journey settings', zh: '旅程设置' },
  schemaVersion: { en: 'Schema version', zh: '文件版本' },
  lastHours: { en: 'Hours back', zh: '回溯小时数' },
  bucket: { en: 'Chart interval', zh: '统计间隔' },
  tags: { en: 'Tags', zh: '标签' },
  // Provider accounts: the names the clouds' consoles use.
  endpoint: { en: 'Endpoint', zh: '接入地址' },
  accessKeyId: { en: 'AccessKey ID', zh: 'AccessKey ID' },
  accessKeySecret: { en: 'AccessKey secret', zh: 'AccessKey Secret' },
  signName: { en: 'Sign name', zh: '短信签名' },
  callbackToken: { en: 'Callback token', zh: '回调令牌' },
  region: { en: 'Region', zh: '地域' },
  secretId: { en: 'SecretId', zh: 'SecretId' },
  secretKey: { en: 'SecretKey', zh: 'SecretKey' },
  smsSdkAppId: { en: 'SMS SdkAppId', zh: '短信应用 SdkAppId' },
}

/** "reentryDays" → "reentry days": still words when a field has no entry above. */
const spaced = (field: string) =>
  field
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    // Only an underscore between words: "__proto__" stays itself rather than becoming "proto".
    .replace(/(?<=[a-z0-9])_(?=[a-z0-9])/gi, ' ')
    .toLowerCase()

/**
 * The entry for a field the request named. Own entries only: a field called "constructor" or
 * "toString" would otherwise find Object.prototype's function and be named "undefined".
 */
const known = (field: string): LocalizedText | undefined => (Object.hasOwn(FIELD_WORDS, field) ? FIELD_WORDS[field] : undefined)

/** The field a JSON path points at, as a person calls it; the whole request or document when empty. */
export function fieldWords(path: string): LocalizedText {
  const named = path.split('/').filter((segment) => segment !== '' && !/^\d+$/.test(segment))
  const last = named.at(-1)
  if (!last || (named.length === 1 && ['body', 'querystring', 'params', 'headers'].includes(last))) return { en: 'The request', zh: '请求内容' }
  const pair = named.length > 1 ? known(`${named.at(-2)}/${last}`) : undefined
  const words = pair ?? known(last)
  if (words) return words
  const plain = spaced(last)
  return { en: plain.charAt(0).toUpperCase() + plain.slice(1), zh: `字段"${last}"` }
}
