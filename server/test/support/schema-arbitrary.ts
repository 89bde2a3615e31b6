import fc from 'fast-check'

/** A JSON Schema as the OpenAPI document states it (the subset TypeBox emits). */
export interface JsonSchema {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  patternProperties?: Record<string, JsonSchema>
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  minimum?: number
  maximum?: number
}

/** What attackers and careless integrators send: NUL, lone surrogates, impossible dates, long ids, markup, traversal. */
const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:60Z',
  '1969-12-31T23:59:59Z',
  'x'.repeat(150),
  'x'.repeat(5_000),
  '../../etc/passwd',
  "x'); DROP TABLE contacts; --",
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '%',
  '%00',
  '__proto__',
  'constructor',
  '💥\u202e',
  '',
  ' ',
]

/** JSON text of an object nested this deep (built as text: stringifying 5,000 levels would overflow the stack). */
export function deeplyNestedJson(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`
}

const hostileString = fc.constantFrom(...HOSTILE_STRINGS)
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString, fc.constant(JSON.parse(deeplyNestedJson(40))))

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0
  const max = schema.maxLength ?? 40
  const boundaries = fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1), ...(min > 0 ? ['x'.repeat(min - 1)] : []))
  let shaped: fc.Arbitrary<string> = fc.string({ minLength: min, maxLength: Math.min(max, 40) })
  if (schema.format === 'date-time') shaped = fc.date({ noInvalidDate: true }).map((date) => date.toISOString())
  else if (schema.format === 'uri') shaped = fc.webUrl()
  else if (schema.format === 'email') shaped = fc.emailAddress()
  else if (schema.pattern) {
    try {
      shaped = fc.stringMatching(new RegExp(schema.pattern, 'u')).filter((value) => value.length >= min && value.length <= max)
    } catch {
      // A pattern the generator cannot read: plain strings still probe it.
    }
  }
  return fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: boundaries, weight: 1 }, { arbitrary: hostileString, weight: 2 })
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const edges = [schema.minimum, schema.maximum].filter((edge): edge is number => edge !== undefined).flatMap((edge) => [edge - 1, edge, edge + 1])
  const values = integer ? fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000 }) : fc.double({ noNaN: true, noDefaultInfinity: true })
  return fc.oneof(values, fc.constantFrom(...edges, 0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 0.5))
}

/**
 * Values for a schema: valid ones from its own bounds and patterns, the values just past its
 * bounds, and hostile strings in any string or free-form place.
 */
export function arbitraryFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return anyJson
  if (schema.const !== undefined) return fc.oneof(fc.constant(schema.const), hostileString)
  if (schema.enum) return fc.oneof({ arbitrary: fc.constantFrom(...schema.enum), weight: 4 }, { arbitrary: hostileString, weight: 1 })
  const variants = schema.anyOf ?? schema.oneOf
  if (variants) return fc.oneof(...variants.map((variant) => arbitraryFor(variant, depth + 1)))
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string':
      return stringOf(schema)
    case 'integer':
    case 'number':
      return numberOf(schema, type === 'integer')
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return fc.array(schema.items ? arbitraryFor(schema.items, depth + 1) : anyJson, {
        minLength: Math.max(0, (schema.minItems ?? 0) - 1),
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      })
    case 'object':
      return objectOf(schema, depth)
    default:
      return anyJson
  }
}

function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {}
  const known = fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, arbitraryFor(property, depth + 1)])),
    // Required fields are usually there, sometimes missing: both paths get probed.
    { requiredKeys: [] },
  )
  const extraValues = typeof schema.additionalProperties === 'object' ? arbitraryFor(schema.additionalProperties, depth + 1) : anyJson
  const extras = fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), hostileString), extraValues, { maxKeys: schema.additionalProperties === false ? 1 : 4 })
  return fc.tuple(known, extras, fc.boolean()).map(([fields, more, withExtras]) => (withExtras || Object.keys(properties).length === 0 ? { ...more, ...fields } : fields))
}

/** A path segment as a client would send it; a lone surrogate cannot be URI-encoded, so its WTF-8 bytes go raw. */
export function pathSegment(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '')
  try {
    return encodeURIComponent(text)
  } catch {
    return text.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^A-Za-z0-9%]/gu, (character) => encodeURIComponent(character))
  }
}
