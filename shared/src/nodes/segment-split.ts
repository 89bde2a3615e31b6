import Type from 'typebox'
import { bilingualLabel } from '../i18n'
import { leafConditionDefect } from '../schema/condition-defects'
import { ConditionGroup, isSubgroup } from '../schema/conditions'
import { error, type Problem } from '../validation/problem'
import { defineNodeKind, type HandleSpec } from './kind'

export const SegmentSplitData = Type.Object(
  {
    /** Checked in order; the first branch whose condition holds wins, otherwise `else`. */
    branches: Type.Array(
      Type.Object(
        { id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }), label: Type.String({ minLength: 1, maxLength: 60 }), condition: ConditionGroup },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
)

const ELSE_HANDLE: HandleSpec = { id: 'else', label: { en: 'else', zh: '其他' } }
export const segmentSplit = defineNodeKind(SegmentSplitData, {
  type: 'segment_split',
  label: { en: 'Segment split', zh: '分群分支' },
  description: { en: 'Route contacts by attributes and event history; first match wins', zh: '按属性和行为分流,按顺序匹配第一个满足的分支' },
  defaults: () => ({
    branches: [
      { id: 'high_value', label: 'High value · 高价值', condition: { match: 'all', conditions: [{ kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'gold' }] } },
    ],
  }),
  handles: (data) => [...data.branches.map((branch) => ({ id: branch.id, label: bilingualLabel(branch.label) })), ELSE_HANDLE],
  summary: (data, locale) => (locale === 'zh-CN' ? `${data.branches.length} 个分支 + 其他` : `${data.branches.length} branch${data.branches.length === 1 ? '' : 'es'} + else`),
  check(data, context) {
    const problems: Problem[] = []
    const at = { nodeId: context.nodeId }
    const seen = new Set<string>()
    data.branches.forEach((branch, branchIndex) => {
      const path = `${context.dataPath}/branches/${branchIndex}`
      if (seen.has(branch.id) || branch.id === 'else') {
        problems.push(
          error('segment.duplicate_branch', `${path}/id`, { en: `Branch id "${branch.id}" is used twice or reserved`, zh: `分支标识 "${branch.id}" 重复或为保留字` }, at),
        )
      }
      seen.add(branch.id)
      if (branch.condition.conditions.length === 0) {
        problems.push(error('segment.empty_condition', `${path}/condition`, { en: `Branch "${branch.label}" has no condition`, zh: `分支"${branch.label}"没有任何条件` }, at))
      }
      branch.condition.conditions.forEach((entry, entryIndex) => {
        const entryPath = `${path}/condition/conditions/${entryIndex}`
        const leaves = isSubgroup(entry) ? entry.conditions.map((leaf, leafIndex) => [leaf, `${entryPath}/conditions/${leafIndex}`] as const) : [[entry, entryPath] as const]
        if (isSubgroup(entry) && entry.conditions.length === 0) {
          problems.push(error('segment.empty_condition', entryPath, { en: `Branch "${branch.label}" has an empty group`, zh: `分支"${branch.label}"包含空的条件组` }, at))
        }
        for (const [leaf, leafPath] of leaves) {
          const defect = leafConditionDefect(leaf)
          if (defect) problems.push(error('segment.malformed_condition', leafPath, defect, at))
        }
      })
    })
    return problems
  },
})
