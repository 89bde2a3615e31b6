import { exitReasonText } from '@recall/shared'
import type { NodeSemantics } from './semantics'

export const exit: NodeSemantics<'exit'> = {
  mode: 'run',
  run: (node) => ({ kind: 'exit', code: 'exit_node', reason: { en: `exited: ${node.data.reason}`, zh: `退出:${exitReasonText(node.data.reason).zh}` } }),
}
