import { localize } from '@recall/shared'
import { useLocale } from '../../app/locale'
import { Checkbox, NumberInput, TextInput } from '../../inspector/fields'
import { useNodeData } from '../../inspector/useNodeData'
import { evenWeights, rebalanceWeights } from './weights'

const LETTERS = 'ABCDEFGHIJ'

export function AbSplitInspector({ nodeId }: { nodeId: string }) {
  const locale = useLocale()
  const { node, update } = useNodeData<'ab_split'>(nodeId)
  const { variants } = node.data
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0)
  const setWeights = (weights: number[]) => variants.map((variant, index) => ({ ...variant, weight: weights[index] as number }))
  return (
    <fieldset className="variants">
      <legend>{localize({ en: 'Variants (weights add up to 100%)', zh: '分组(比例合计 100%)' }, locale)}</legend>
      <table>
        <tbody>
          {variants.map((variant, index) => (
            <tr key={variant.id}>
              <td>
                <TextInput
                  value={variant.label}
                  maxLength={60}
                  onChange={(label) => update({ variants: variants.map((other, at) => (at === index ? { ...other, label } : other)) }, `label${index}`)}
                />
              </td>
              <td className="weight">
                <NumberInput
                  value={variant.weight}
                  max={100}
                  onChange={(weight) =>
                    update(
                      {
                        variants: setWeights(
                          rebalanceWeights(
                            variants.map((other) => other.weight),
                            index,
                            weight,
                          ),
                        ),
                      },
                      `weight${index}`,
                    )
                  }
                />
                %
              </td>
              <td>
                <Checkbox
                  checked={variant.holdout ?? false}
                  label={{ en: 'Control group', zh: '对照组' }}
                  onChange={(holdout) => update({ variants: variants.map((other, at) => (at === index ? { ...other, holdout } : other)) })}
                />
              </td>
              <td>
                <button
                  type="button"
                  disabled={variants.length <= 2}
                  onClick={() => {
                    const rest = variants.filter((_, at) => at !== index)
                    const weights = evenWeights(rest.length)
                    update({ variants: rest.map((other, at) => ({ ...other, weight: weights[at] as number })) })
                  }}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={total === 100 ? 'hint' : 'error'}>{`${localize({ en: 'Total', zh: '合计' }, locale)}: ${total}%`}</p>
      <button
        type="button"
        disabled={variants.length >= 10}
        onClick={() => {
          const id = [...LETTERS].find((letter) => !variants.some((variant) => variant.id === letter)) ?? `V${variants.length + 1}`
          const weights = evenWeights(variants.length + 1)
          update({ variants: [...variants, { id, label: id, weight: 0 }].map((variant, at) => ({ ...variant, weight: weights[at] as number })) })
        }}
      >
        + {localize({ en: 'Add a variant', zh: '添加分组' }, locale)}
      </button>
    </fieldset>
  )
}
