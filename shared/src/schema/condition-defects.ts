import type { LocalizedText } from '../i18n'
import { type ConditionGroup, isSubgroup, type LeafCondition } from './conditions'

export type AttributeOperator = Extract<LeafCondition, { kind: 'attribute' }>['operator']

/** Each attribute operator as the editor's dropdown shows it; problem texts name operators the same way. */
export const ATTRIBUTE_OPERATOR_LABELS: Record<AttributeOperator, LocalizedText> = {
  eq: { en: '=', zh: '等于' },
  neq: { en: '≠', zh: '不等于' },
  gt: { en: '>', zh: '大于' },
  gte: { en: '≥', zh: '大于等于' },
  lt: { en: '<', zh: '小于' },
  lte: { en: '≤', zh: '小于等于' },
  in: { en: 'is one of', zh: '属于' },
  not_in: { en: 'is none of', zh: '不属于' },
  contains: { en: 'contains', zh: '包含' },
  exists: { en: 'is set', zh: '有值' },
  not_exists: { en: 'is not set', zh: '无值' },
}

export const LIST_OPERATORS: ReadonlySet<AttributeOperator> = new Set(['in', 'not_in'])
const ORDER_OPERATORS: ReadonlySet<AttributeOperator> = new Set(['gt', 'gte', 'lt', 'lte'])

/** Why a leaf condition cannot be evaluated, or undefined when it is well-formed. */
export function leafConditionDefect(condition: LeafCondition): LocalizedText | undefined {
  if (condition.kind !== 'attribute') return undefined
  const { operator, value } = condition
  if (operator === 'exists' || operator === 'not_exists') return undefined
  const { en, zh } = ATTRIBUTE_OPERATOR_LABELS[operator]
  if (value === undefined || value === '') return { en: `"${en}" needs a value`, zh: `"${zh}" 需要填写比较值` }
  if (LIST_OPERATORS.has(operator) && (!Array.isArray(value) || value.length === 0)) return { en: `"${en}" needs a non-empty list of values`, zh: `"${zh}" 需要非空的取值列表` }
  if (!LIST_OPERATORS.has(operator) && Array.isArray(value)) return { en: `"${en}" compares with one value, not a list`, zh: `"${zh}" 只能与单个值比较,不能是列表` }
  if (ORDER_OPERATORS.has(operator) && typeof value === 'boolean') return { en: `"${en}" cannot compare with true/false`, zh: `"${zh}" 不能与布尔值比较` }
  // The engine orders a text value as a date (Date.parse), so text that does not read as one never matches.
  if (ORDER_OPERATORS.has(operator) && typeof value === 'string' && Number.isNaN(Date.parse(value)))
    return { en: `"${en}" compares numbers or dates; "${value}" is neither`, zh: `"${zh}" 只能比较数字或日期,"${value}" 两者都不是` }
  return undefined
}

/** True when every leaf of the group, nested ones included, can be evaluated. */
export const conditionGroupIsWellFormed = (group: ConditionGroup) =>
  group.conditions.every((entry) => (isSubgroup(entry) ? entry.conditions : [entry]).every((leaf) => leafConditionDefect(leaf) === undefined))
