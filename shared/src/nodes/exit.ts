import Type from 'typebox'
import type { LocalizedText } from '../i18n'
import { defineNodeKind } from './kind'

export const ExitData = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })

/** The reasons the templates use, said in both languages; a reason a marketer writes stays as written. */
const KNOWN_REASONS: Record<string, LocalizedText> = {
  completed: { en: 'completed', zh: '完成' },
  converted: { en: 'converted', zh: '已转化' },
  purchased: { en: 'purchased', zh: '已下单' },
  'already active': { en: 'already active', zh: '已活跃' },
  'control group': { en: 'control group', zh: '对照组' },
}

export function exitReasonText(reason: string): LocalizedText {
  return KNOWN_REASONS[reason] ?? { en: reason, zh: reason }
}

export const exit = defineNodeKind(ExitData, {
  type: 'exit',
  label: { en: 'Exit', zh: '退出' },
  description: { en: 'End of the path, with a reason for reports', zh: '路径终点,并记录退出原因' },
  defaults: () => ({ reason: 'completed' }),
  handles: () => [],
  summary: (data, locale) => (locale === 'zh-CN' ? `退出:${exitReasonText(data.reason).zh}` : `Exit: ${data.reason}`),
})
