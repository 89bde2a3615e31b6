import type { LocalizedText } from '@recall/shared'

export const PREVIEW_TEXT = {
  preview: { en: 'Preview as contact', zh: '以联系人预览' },
  previewAs: { en: 'Preview as', zh: '预览对象' },
  sample: { en: 'Sample contact', zh: '示例联系人' },
  search: { en: 'Search contacts by name, phone or id', zh: '按姓名、手机号或 ID 搜索联系人' },
  noMessages: { en: 'This journey has no message nodes yet', zh: '此旅程还没有消息节点' },
  incomplete: { en: 'Not shown until their settings are complete', zh: '以下节点设置未完成,暂不显示' },
  loading: { en: 'Rendering…', zh: '正在生成…' },
  coupon: { en: 'Coupon', zh: '优惠券' },
  fromPool: { en: 'a code from pool', zh: '取自券码池' },
  link: { en: 'Short link', zh: '短链接' },
  template: { en: 'Template', zh: '模板' },
  missing: { en: 'No value and no fallback, sent as nothing', zh: '没有值也没有默认值,发送时为空' },
  slides: { en: 'Slides', zh: '彩信页面' },
  sendTest: { en: 'Send test', zh: '发送测试' },
  sendTestTitle: { en: 'Send a test message', zh: '发送测试消息' },
  phone: { en: 'Test phone number', zh: '测试手机号' },
  as: { en: 'Rendered as', zh: '按此联系人生成' },
  send: { en: 'Send', zh: '发送' },
  close: { en: 'Close', zh: '关闭' },
  testHint: {
    en: 'Goes through the provider this category uses (the sandbox unless one is connected). Not counted by caps; marked "test" on the Messages page. Every test, whatever its category, follows the rules live marketing sends do: never to an opted-out number or a contact without consent, only within 08:00–21:00 and the allowed hours in the number\'s time zone.',
    zh: '通过该类别所用的短信服务商发送(未连接时为沙盒)。不计入频次上限,在消息页标记为"测试"。所有测试(无论类别)都遵守正式营销短信的规则:不发给已退订的号码或未同意接收的联系人,只在号码所在时区的 08:00–21:00 及允许发送时段内发送。',
  },
  sentTo: { en: 'Sent to {phone}: {status}', zh: '已发送至 {phone}:{status}' },
} satisfies Record<string, LocalizedText>
