import Type from 'typebox'
import { defineNodeKind } from './kind'

export const ExitData = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })

export const exit = defineNodeKind(ExitData, {
  type: 'exit',
  label: { en: 'Exit', zh: '退出' },
  description: { en: 'End of the path, with a reason for reports', zh: '路径终点,并记录退出原因' },
  defaults: () => ({ reason: 'completed' }),
  handles: () => [],
  canPause: () => false,
  summary: (data, locale) => (locale === 'zh-CN' ? `退出:${data.reason}` : `Exit: ${data.reason}`),
})
