import {
  ATTRIBUTE_OPERATOR_LABELS,
  type AttributeOperator,
  type ConditionGroup,
  type ConditionSubgroup,
  isSubgroup,
  type LeafCondition,
  LIST_OPERATORS,
  type LocalizedText,
  localize,
} from '@recall/shared'
import { type Catalog, useCatalog } from '../app/catalog'
import { useLocale } from '../app/locale'
import { AttributePicker, EventPicker } from './CatalogPickers'
import { ConditionValueInput } from './ConditionValueInput'
import { retypeConditionValue, valueTypeOfCatalog } from './condition-value'
import { EstimatedCount } from './EstimatedCount'
import { NumberInput, Select } from './fields'

const MATCH = [
  { value: 'all', label: { en: 'all of (AND)', zh: '全部满足(且)' } },
  { value: 'any', label: { en: 'any of (OR)', zh: '任一满足(或)' } },
] as const

const LEAF_KINDS = [
  { value: 'attribute', label: { en: 'Attribute', zh: '属性' } },
  { value: 'date', label: { en: 'Date', zh: '日期' } },
  { value: 'event_count', label: { en: 'Event history', zh: '行为次数' } },
] as const

const ATTRIBUTE_OPERATORS = (Object.keys(ATTRIBUTE_OPERATOR_LABELS) as AttributeOperator[]).map((value) => ({ value, label: ATTRIBUTE_OPERATOR_LABELS[value] }))

const DATE_OPERATORS = [
  { value: 'more_than_days_ago', label: { en: 'more than N days ago', zh: '超过 N 天前' } },
  { value: 'less_than_days_ago', label: { en: 'within the last N days', zh: '最近 N 天内' } },
  { value: 'within_next_days', label: { en: 'within the next N days', zh: '未来 N 天内' } },
] as const

const COUNT_OPERATORS = [
  { value: 'gte', label: { en: 'at least', zh: '至少' } },
  { value: 'lte', label: { en: 'at most', zh: '至多' } },
  { value: 'eq', label: { en: 'exactly', zh: '恰好' } },
] as const

const DEFAULT_LEAVES: Record<LeafCondition['kind'], LeafCondition> = {
  attribute: { kind: 'attribute', attribute: 'tier', operator: 'eq', value: 'gold' },
  date: { kind: 'date', attribute: 'last_order_at', operator: 'more_than_days_ago', days: 90 },
  event_count: { kind: 'event_count', event: 'app_open', operator: 'gte', count: 1, withinDays: 30 },
}

/** The type the contacts catalog gives an attribute, undefined while the catalog loads or when no contact has it. */
const attributeValueType = (catalog: Catalog | undefined, name: string) => valueTypeOfCatalog(catalog?.attributes.find((attribute) => attribute.name === name.trim())?.type)

function AttributeLeafEditor({ condition, onChange }: { condition: Extract<LeafCondition, { kind: 'attribute' }>; onChange(condition: LeafCondition): void }) {
  const catalog = useCatalog((state) => state.catalog)
  const catalogType = attributeValueType(catalog, condition.attribute)
  const changeAttribute = (attribute: string) => {
    // A value follows a newly picked attribute's type: "gold" does not stay on a number attribute.
    const type = attributeValueType(catalog, attribute)
    const value = type === undefined || type === catalogType ? condition.value : retypeConditionValue(condition.value, type)
    const { value: _previous, ...rest } = condition
    onChange(value === undefined ? { ...rest, attribute } : { ...rest, attribute, value })
  }
  return (
    <>
      <AttributePicker value={condition.attribute} onChange={changeAttribute} />
      <Select value={condition.operator} options={ATTRIBUTE_OPERATORS} onChange={(operator) => onChange({ ...condition, operator })} />
      {condition.operator !== 'exists' && condition.operator !== 'not_exists' && (
        <ConditionValueInput
          value={condition.value}
          list={LIST_OPERATORS.has(condition.operator)}
          catalogType={catalogType}
          onChange={(value) => {
            const { value: _previous, ...rest } = condition
            onChange(value === undefined ? rest : { ...rest, value })
          }}
        />
      )}
    </>
  )
}

function LeafEditor({ condition, onChange }: { condition: LeafCondition; onChange(condition: LeafCondition): void }) {
  return (
    <span className="condition__leaf">
      <Select value={condition.kind} options={LEAF_KINDS} onChange={(kind) => onChange(DEFAULT_LEAVES[kind])} />
      {condition.kind === 'attribute' && <AttributeLeafEditor condition={condition} onChange={onChange} />}
      {condition.kind === 'date' && (
        <>
          <AttributePicker value={condition.attribute} onChange={(attribute) => onChange({ ...condition, attribute })} />
          <Select value={condition.operator} options={DATE_OPERATORS} onChange={(operator) => onChange({ ...condition, operator })} />
          <NumberInput value={condition.days} max={36500} onChange={(days) => onChange({ ...condition, days })} />
        </>
      )}
      {condition.kind === 'event_count' && (
        <>
          <EventPicker value={condition.event} onChange={(event) => onChange({ ...condition, event })} />
          <Select value={condition.operator} options={COUNT_OPERATORS} onChange={(operator) => onChange({ ...condition, operator })} />
          <NumberInput value={condition.count} onChange={(count) => onChange({ ...condition, count })} />
          <span>×</span>
          <NumberInput value={condition.withinDays} min={1} max={3650} onChange={(withinDays) => onChange({ ...condition, withinDays })} />
        </>
      )}
    </span>
  )
}

type Group = ConditionGroup | ConditionSubgroup

/** AND/OR groups two levels deep: "A and (B or C)", which covers what marketers build. */
export function ConditionBuilder<G extends Group>({ group, onChange, nested = false }: { group: G; onChange(group: G): void; nested?: boolean }) {
  const locale = useLocale()
  const t = (text: LocalizedText) => localize(text, locale)
  const entries = group.conditions as (LeafCondition | ConditionSubgroup)[]
  const replace = (index: number, entry: LeafCondition | ConditionSubgroup | undefined) =>
    onChange({ ...group, conditions: entries.flatMap((existing, at) => (at !== index ? [existing] : entry ? [entry] : [])) } as G)
  return (
    <div className={`condition${nested ? ' condition--nested' : ''}`}>
      <Select value={group.match} options={MATCH} onChange={(match) => onChange({ ...group, match })} />
      <ul>
        {entries.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no ids; each row is edited in place at its position
          <li key={`${index}-${isSubgroup(entry) ? 'group' : entry.kind}`}>
            {isSubgroup(entry) ? (
              <ConditionBuilder group={entry} nested onChange={(next) => replace(index, next)} />
            ) : (
              <LeafEditor condition={entry} onChange={(next) => replace(index, next)} />
            )}
            <button type="button" aria-label={t({ en: 'Remove condition', zh: '删除条件' })} onClick={() => replace(index, undefined)}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => onChange({ ...group, conditions: [...entries, DEFAULT_LEAVES.attribute] } as G)}>
        + {t({ en: 'Condition', zh: '条件' })}
      </button>
      {!nested && (
        <button type="button" onClick={() => onChange({ ...group, conditions: [...entries, { match: 'any', conditions: [DEFAULT_LEAVES.attribute] }] } as G)}>
          + {t({ en: 'Group', zh: '条件组' })}
        </button>
      )}
      {!nested && <EstimatedCount condition={group as ConditionGroup} />}
    </div>
  )
}
