import { localize } from '@recall/shared'
import { useLocale } from '../../app/locale'
import { ConditionBuilder } from '../../inspector/ConditionBuilder'
import { TextInput } from '../../inspector/fields'
import { useNodeData } from '../../inspector/useNodeData'

export function SegmentSplitInspector({ nodeId }: { nodeId: string }) {
  const locale = useLocale()
  const { node, update } = useNodeData<'segment_split'>(nodeId)
  const { branches } = node.data
  const replace = (index: number, branch: (typeof branches)[number] | undefined) =>
    update({ branches: branches.flatMap((existing, at) => (at !== index ? [existing] : branch ? [branch] : [])) }, `branch${index}`)
  return (
    <>
      <p className="hint">
        {localize({ en: 'Checked in order; the first branch that matches wins, otherwise "else".', zh: '按顺序判断,进入第一个满足条件的分支,否则进入"其他"。' }, locale)}
      </p>
      {branches.map((branch, index) => (
        <fieldset key={branch.id} className="branch">
          <legend>
            <TextInput value={branch.label} maxLength={60} onChange={(label) => replace(index, { ...branch, label })} />
            <button type="button" disabled={branches.length <= 1} onClick={() => replace(index, undefined)}>
              ✕
            </button>
          </legend>
          <ConditionBuilder group={branch.condition} onChange={(condition) => replace(index, { ...branch, condition })} />
        </fieldset>
      ))}
      <button
        type="button"
        disabled={branches.length >= 20}
        onClick={() => {
          let counter = branches.length + 1
          while (branches.some((branch) => branch.id === `branch_${counter}`)) counter += 1
          update({
            branches: [
              ...branches,
              {
                id: `branch_${counter}`,
                label: `${localize({ en: 'Branch', zh: '分支' }, locale)} ${counter}`,
                condition: { match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'exists' }] },
              },
            ],
          })
        }}
      >
        + {localize({ en: 'Add a branch', zh: '添加分支' }, locale)}
      </button>
    </>
  )
}
