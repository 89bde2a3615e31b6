import type { Locale } from '@recall/shared'
import type { ReactFlowProps } from '@xyflow/react'

type AriaLabels = NonNullable<ReactFlowProps['ariaLabelConfig']>

/** React Flow's own labels (zoom controls, minimap, keyboard hints) in Chinese; English keeps React Flow's defaults. */
const CHINESE: AriaLabels = {
  'node.a11yDescription.default': '按回车键或空格键选中节点;按删除键删除,按 Esc 取消。',
  'node.a11yDescription.keyboardDisabled': '按回车键或空格键选中节点,再用方向键移动;按删除键删除,按 Esc 取消。',
  'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => `已将选中的节点向${DIRECTIONS[direction] ?? direction}移动。新位置:x ${x},y ${y}`,
  'edge.a11yDescription.default': '按回车键或空格键选中连线;按删除键删除,按 Esc 取消。',
  'controls.ariaLabel': '画布控制',
  'controls.zoomIn.ariaLabel': '放大',
  'controls.zoomOut.ariaLabel': '缩小',
  'controls.fitView.ariaLabel': '适应画布',
  'controls.interactive.ariaLabel': '锁定/解锁画布',
  'minimap.ariaLabel': '缩略图',
  'handle.ariaLabel': '连接点',
}

const DIRECTIONS: Record<string, string> = { up: '上', down: '下', left: '左', right: '右' }

const ENGLISH: AriaLabels = {}

/** The labels for the canvas in the page's language: one object per language, so React Flow is not told of a change on every render. */
export function flowAriaLabels(locale: Locale): AriaLabels {
  return locale === 'zh-CN' ? CHINESE : ENGLISH
}

/** An edge's accessible name in the page's language, instead of React Flow's "Edge from a to b". */
export function edgeAriaLabel(source: string, target: string, locale: string | undefined): string {
  return locale === 'zh-CN' ? `从 ${source} 到 ${target} 的连线` : `Connection from ${source} to ${target}`
}
