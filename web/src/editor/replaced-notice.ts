import type { LocalizedText, ReplacedConnection } from '@recall/shared'

/** "Replaced cart-coupon → done: 3 nodes are no longer reached (a, b, c). Undo (Ctrl/⌘+Z) puts it back." */
export function replacedNotice({ edge, unreachable }: ReplacedConnection): LocalizedText {
  const cut = unreachable.length > 0
  const ids = unreachable.join(', ')
  return {
    en: `Replaced the connection ${edge.source} "${edge.sourceHandle}" → ${edge.target}${cut ? `: ${unreachable.length} node${unreachable.length === 1 ? ' is' : 's are'} no longer reached (${ids})` : ''}. Undo (Ctrl/⌘+Z) puts it back.`,
    zh: `已替换连线 ${edge.source}"${edge.sourceHandle}"→ ${edge.target}${cut ? `:${unreachable.length} 个节点不再可达(${ids})` : ''}。撤销(Ctrl/⌘+Z)可恢复。`,
  }
}
