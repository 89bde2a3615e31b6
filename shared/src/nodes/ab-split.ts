import Type from 'typebox'
import { bilingualLabel } from '../i18n'
import { error, type Problem } from '../validation/problem'
import { defineNodeKind } from './kind'

export const AbSplitData = Type.Object(
  {
    variants: Type.Array(
      Type.Object(
        {
          id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }),
          label: Type.String({ minLength: 1, maxLength: 60 }),
          weight: Type.Integer({ minimum: 0, maximum: 100 }),
          /** A control group: it gets no message; its conversions are the baseline. */
          holdout: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      { minItems: 2, maxItems: 10 },
    ),
  },
  { additionalProperties: false },
)

export const abSplit = defineNodeKind(AbSplitData, {
  type: 'ab_split',
  label: { en: 'A/B split', zh: 'A/B 分流' },
  description: { en: 'Send random groups down different paths, with an optional control group', zh: '随机分组走不同路径,可设对照组' },
  defaults: () => ({
    variants: [
      { id: 'A', label: 'A', weight: 50 },
      { id: 'B', label: 'B', weight: 50 },
    ],
  }),
  handles: (data) => data.variants.map((variant) => ({ id: variant.id, label: bilingualLabel(variant.label) })),
  summary: (data) => data.variants.map((variant) => `${variant.label} ${variant.weight}%`).join(' / '),
  check(data, context) {
    const problems: Problem[] = []
    const at = { nodeId: context.nodeId }
    const total = data.variants.reduce((sum, variant) => sum + variant.weight, 0)
    if (total !== 100) {
      problems.push(error('ab.weights_sum', `${context.dataPath}/variants`, { en: `Variant weights add up to ${total}%, not 100%`, zh: `各组比例合计为 ${total}%,应为 100%` }, at))
    }
    const ids = data.variants.map((variant) => variant.id)
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) {
        problems.push(error('ab.duplicate_variant', `${context.dataPath}/variants/${index}/id`, { en: `Variant id "${id}" is used twice`, zh: `分组标识 "${id}" 重复` }, at))
      }
    })
    return problems
  },
})
