import type { TSchema } from 'typebox'
import { Compile, type Validator } from 'typebox/compile'
import Format from 'typebox/format'
import System from 'typebox/system'
import Value from 'typebox/value'
import type { LocalizedText } from '../i18n'
import { fieldWords } from './field-words'
import { DATE_TIME_RULE, isShortLinkBase, isSupportedDateTime, SHORT_LINK_BASE_RULE } from './input-policy'
import { pageSizeRule } from './page-size'
import { error, type Problem } from './problem'

// TypeBox stops at 8 errors by default; a journey file may have many independent mistakes and the
// editor lists them all. Still bounded, so a hostile document cannot make us buffer millions.
System.Settings.Set({ maxErrors: 200 })
// Every date-time in every schema follows the input policy: a real instant in 1970–2100.
Format.Set('date-time', isSupportedDateTime)
// The workspace's short link address, by the same rule the web app and the send path use.
Format.Set('short-link-base', isShortLinkBase)

interface SchemaError {
  keyword: string
  schemaPath: string
  instancePath: string
  params: Record<string, unknown>
  message: string
}

/** "must be of type integer" in the words a marketer uses. */
const TYPE_WORDS: Record<string, LocalizedText> = {
  integer: { en: 'must be a whole number', zh: '必须是整数' },
  number: { en: 'must be a number', zh: '必须是数字' },
  string: { en: 'must be text', zh: '必须是文字' },
  boolean: { en: 'must be yes or no', zh: '必须是"是"或"否"' },
  array: { en: 'must be a list', zh: '必须是列表' },
  object: { en: 'must be a set of fields', zh: '必须是一组字段' },
}

const COMPARISON_WORDS: Record<string, LocalizedText> = {
  '<=': { en: 'must be at most', zh: '不能大于' },
  '>=': { en: 'must be at least', zh: '不能小于' },
  '<': { en: 'must be less than', zh: '必须小于' },
  '>': { en: 'must be more than', zh: '必须大于' },
}

const list = (values: unknown) => (Array.isArray(values) ? values.map((value) => JSON.stringify(value)).join(', ') : String(values))

/** A person-readable sentence for one JSON Schema failure, in both languages. */
function describe(failure: SchemaError): LocalizedText {
  const { params } = failure
  switch (failure.keyword) {
    case 'required':
      return { en: 'is required', zh: '为必填项' }
    case 'additionalProperties':
      return { en: 'is not a known field', zh: '不是可识别的字段' }
    case 'type':
      return TYPE_WORDS[String(params.type)] ?? { en: `must be of type ${String(params.type)}`, zh: `类型必须为 ${String(params.type)}` }
    case 'enum':
      return { en: `must be one of ${list(params.allowedValues)}`, zh: `必须是以下之一:${list(params.allowedValues)}` }
    case 'const':
      return { en: `must be ${JSON.stringify(params.allowedValue)}`, zh: `必须为 ${JSON.stringify(params.allowedValue)}` }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const words = COMPARISON_WORDS[String(params.comparison)]
      const limit = String(params.limit)
      return words
        ? { en: `${words.en} ${limit}`, zh: `${words.zh} ${limit}` }
        : { en: `must be ${String(params.comparison)} ${limit}`, zh: `必须 ${String(params.comparison)} ${limit}` }
    }
    case 'minLength':
      return Number(params.limit) === 1
        ? { en: 'must not be empty', zh: '不能为空' }
        : { en: `must have at least ${String(params.limit)} characters`, zh: `至少需要 ${String(params.limit)} 个字符` }
    case 'maxLength':
      return { en: `must have at most ${String(params.limit)} characters`, zh: `最多 ${String(params.limit)} 个字符` }
    case 'minItems':
      return Number(params.limit) === 1
        ? { en: 'must not be empty: give at least one', zh: '不能为空:至少需要 1 项' }
        : { en: `must have at least ${String(params.limit)} items`, zh: `至少需要 ${String(params.limit)} 项` }
    case 'maxItems':
      return { en: `must have at most ${String(params.limit)} items`, zh: `最多 ${String(params.limit)} 项` }
    case 'uniqueItems':
      return { en: `must not repeat ${list(params.duplicateItems)}`, zh: `不能重复:${list(params.duplicateItems)}` }
    case 'pattern':
      // A page size names its range: "Page size has the wrong format" left the caller guessing.
      return pageSizeRule(params.pattern) ?? { en: 'has the wrong format', zh: '格式不正确' }
    case 'format':
      if (params.format === 'date-time') return DATE_TIME_RULE
      if (params.format === 'short-link-base') return SHORT_LINK_BASE_RULE
      return { en: `must be a valid ${String(params.format)}`, zh: `必须是有效的 ${String(params.format)}` }
    case 'anyOf':
      return { en: 'does not match any allowed shape', zh: '不符合任何允许的格式' }
    default:
      // A keyword our schemas do not use today: still said in Chinese, not TypeBox's English.
      return { en: failure.message, zh: '不符合要求' }
  }
}

/** Index of the anyOf variant an error belongs to, relative to the union at `unionSchemaPath`. */
function variantOf(failure: SchemaError, unionSchemaPath: string): number | undefined {
  const prefix = `${unionSchemaPath}/anyOf/`
  if (!failure.schemaPath.startsWith(prefix)) return undefined
  return Number.parseInt(failure.schemaPath.slice(prefix.length), 10)
}

/**
 * Among variants the value may have meant (a condition, or a group of conditions), the one whose
 * failure lies deepest in the value: a wrong `days` inside a date condition is a better answer than
 * "this is not a group". Undefined when two are equally deep: then no variant is named.
 */
function deepestVariant(inside: SchemaError[], variants: (number | undefined)[], unionSchemaPath: string): number | undefined {
  const depthOf = (variant: number | undefined) =>
    Math.max(...inside.filter((failure) => variantOf(failure, unionSchemaPath) === variant).map((failure) => failure.instancePath.split('/').length))
  const ranked = variants.map((variant) => ({ variant, depth: depthOf(variant) })).sort((a, b) => b.depth - a.depth)
  return ranked.length > 1 && ranked[0]?.depth !== ranked[1]?.depth ? ranked[0]?.variant : undefined
}

/**
 * A failed union reports every variant's errors. Our unions are discriminated by a literal
 * (`on`, `mode`, `kind`, `source`): keep only the errors of the variant the value chose, and
 * say which discriminator values exist when it chose none.
 */
function refineUnions(failures: SchemaError[]): SchemaError[] {
  let remaining = failures
  for (const union of failures.filter((failure) => failure.keyword === 'anyOf')) {
    const inside = remaining.filter((failure) => variantOf(failure, union.schemaPath) !== undefined)
    const variants = new Set(inside.map((failure) => variantOf(failure, union.schemaPath)))
    const depth = union.instancePath.split('/').length
    // A variant the value did not choose: its discriminator differs, or it is of another type
    // altogether (the null of an "object or null" that removes a setting).
    const chosen = [...variants].filter(
      (variant) =>
        !inside.some(
          (failure) =>
            variantOf(failure, union.schemaPath) === variant &&
            ((failure.keyword === 'const' && failure.instancePath.split('/').length === depth + 1) ||
              (failure.keyword === 'type' && failure.instancePath.split('/').length === depth)),
        ),
    )
    const allowed = inside.filter((failure) => failure.keyword === 'const').map((failure) => failure.params.allowedValue)
    remaining = remaining.filter((failure) => failure !== union && !inside.includes(failure))
    const best = chosen.length === 1 ? chosen[0] : deepestVariant(inside, chosen, union.schemaPath)
    if (best !== undefined) {
      remaining.push(...inside.filter((failure) => variantOf(failure, union.schemaPath) === best))
    } else {
      const discriminator = inside.find((failure) => failure.keyword === 'const')
      remaining.push(
        discriminator ? { ...discriminator, keyword: 'enum', params: { allowedValues: allowed } } : { ...union, keyword: 'anyOf', message: 'does not match any allowed shape' },
      )
    }
  }
  return remaining
}

/** Every way `value` breaks `schema`, as problems whose paths are prefixed with `basePath`. */
/** Compiled checkers, one per schema: a 1,000-node journey checks each kind's schema many times. */
const validators = new WeakMap<TSchema, Validator>()

function validatorFor(schema: TSchema): Validator {
  let validator = validators.get(schema)
  if (!validator) {
    validator = Compile(schema) as unknown as Validator
    validators.set(schema, validator)
  }
  return validator
}

export function schemaProblems(schema: TSchema, value: unknown, basePath: string, at: { nodeId?: string } = {}): Problem[] {
  // Collecting errors is far slower than checking; most documents are valid.
  if (validatorFor(schema).Check(value)) return []
  const failures = refineUnions([...Value.Errors(schema, value)] as SchemaError[]).filter(
    // additionalProperties is reported twice: once per extra field as a `false` schema, once for the object.
    (failure) => failure.keyword !== 'boolean',
  )
  return failures.flatMap((failure) => {
    const fields =
      failure.keyword === 'required'
        ? (failure.params.requiredProperties as string[])
        : failure.keyword === 'additionalProperties'
          ? (failure.params.additionalProperties as string[])
          : [undefined]
    return fields.map((field) => {
      const path = `${basePath}${failure.instancePath}${field === undefined ? '' : `/${field}`}`
      const sentence = describe(failure)
      // The field in words ("等待时长必须是整数"); the path stays in `path` for the editor to point at it.
      const named = fieldWords(path)
      return error(`schema.${failure.keyword}`, path, { en: `${named.en} ${sentence.en}`, zh: `${named.zh}${sentence.zh}` }, at)
    })
  })
}
