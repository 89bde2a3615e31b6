// Regenerates shared/schema/journey.schema.json from the TypeBox definitions: `pnpm schema`.
import { writeFileSync } from 'node:fs'
import { journeySchemaJson } from '../src/index'

const target = new URL('../schema/journey.schema.json', import.meta.url)
writeFileSync(target, journeySchemaJson())
console.log(`wrote ${target.pathname}`)
