import { JourneyDocumentSchema, SCHEMA_VERSION } from './document'

/** The journey file format as a JSON Schema document, exactly as checked in at shared/schema/. */
export function journeySchemaJson(): string {
  const published = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://recall.dev/schema/journey.v${SCHEMA_VERSION}.json`,
    title: 'Recall journey',
    description: 'A customer recall journey: nodes on a canvas and the edges between their outputs.',
    ...JourneyDocumentSchema,
  }
  return `${JSON.stringify(published, null, 2)}\n`
}
