import { Field, TextInput } from '../../inspector/fields'
import { useNodeData } from '../../inspector/useNodeData'

export function ExitInspector({ nodeId }: { nodeId: string }) {
  const { node, update } = useNodeData<'exit'>(nodeId)
  return (
    <Field label={{ en: 'Exit reason (for reports)', zh: '退出原因(用于报表)' }}>
      <TextInput value={node.data.reason} maxLength={100} onChange={(reason) => update({ reason }, 'reason')} />
    </Field>
  )
}
