import { readFileSync } from 'node:fs'
import Value from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { JOURNEY_TEMPLATES, JourneyDocumentSchema, journeySchemaJson } from '../src/index'

describe('shared/schema/journey.schema.json', () => {
  it('matches the TypeBox definitions (run `pnpm schema` after changing them)', () => {
    const checkedIn = readFileSync(new URL('../schema/journey.schema.json', import.meta.url), 'utf8')
    expect(checkedIn).toBe(journeySchemaJson())
  })

  it('accepts every template as a whole document', () => {
    for (const template of JOURNEY_TEMPLATES) expect(Value.Check(JourneyDocumentSchema, template)).toBe(true)
  })
})
