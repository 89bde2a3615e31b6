import Type, { type Static, type TSchema } from 'typebox'
import { NODE_KINDS, type NodeData, type NodeKind, nodeKindOf } from '../nodes/index'
import { Identifier, Position } from './common'
import { JourneySettings } from './settings'

export const SCHEMA_VERSION = 1

export const JourneyEdge = Type.Object(
  { id: Identifier, source: Identifier, sourceHandle: Type.String({ minLength: 1, maxLength: 100 }), target: Identifier },
  { additionalProperties: false },
)
export type JourneyEdge = Static<typeof JourneyEdge>

/**
 * A sticky note on the canvas: text for the team, saved with the journey. Not a node: the engine
 * never sees it and validation ignores it for reachability.
 */
export const StickyNote = Type.Object({ id: Identifier, position: Position, text: Type.String({ maxLength: 2000 }) }, { additionalProperties: false })
export type StickyNote = Static<typeof StickyNote>

function nodeSchema(kind: NodeKind, data: TSchema) {
  return Type.Object({ id: Identifier, type: Type.Literal(kind), position: Position, data }, { additionalProperties: false })
}

/** A node before its data is checked against its kind: the first stage of validation. */
export const NodeEnvelope = Type.Object({ id: Identifier, type: Type.Enum(NODE_KINDS), position: Position, data: Type.Unknown() }, { additionalProperties: false })

function documentSchema(node: TSchema) {
  return Type.Object(
    {
      schemaVersion: Type.Literal(SCHEMA_VERSION),
      id: Identifier,
      // An empty name is a problem of the draft (it cannot be published), not a reason to refuse saving it.
      name: Type.String({ maxLength: 120 }),
      description: Type.String({ maxLength: 2000 }),
      settings: JourneySettings,
      nodes: Type.Array(node, { maxItems: 5000 }),
      edges: Type.Array(JourneyEdge, { maxItems: 20000 }),
      notes: Type.Optional(Type.Array(StickyNote, { maxItems: 500 })),
    },
    { additionalProperties: false },
  )
}

/** The published file format: what `journey.schema.json` holds and the API accepts. */
export const JourneyDocumentSchema = documentSchema(Type.Union(NODE_KINDS.map((kind) => nodeSchema(kind, nodeKindOf(kind).dataSchema))))
/** The same document with node data left for the per-kind stage, for precise error paths. */
export const JourneyEnvelopeSchema = documentSchema(NodeEnvelope)

export interface JourneyNodeOf<Kind extends NodeKind> {
  id: string
  type: Kind
  position: { x: number; y: number }
  data: NodeData<Kind>
}
export type JourneyNode = { [Kind in NodeKind]: JourneyNodeOf<Kind> }[NodeKind]

export type JourneyDocument = Omit<Static<typeof JourneyEnvelopeSchema>, 'nodes'> & { nodes: JourneyNode[] }
