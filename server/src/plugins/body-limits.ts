const KB = 1024
const MB = 1024 * KB

/**
 * How large a body each kind of route reads. Fastify refuses a larger one (413) from its
 * Content-Length, before reading or parsing it, so a 63 MB sign-in costs nothing.
 */
export const BODY_LIMITS = {
  /** Every route that names no limit of its own. */
  default: 256 * KB,
  signIn: 4 * KB,
  settings: 16 * KB,
  /** The largest journey the schema allows (5,000 nodes) with room to spare; more is refused before any parsing holds the server. */
  journey: 3 * MB,
  segment: 1 * MB,
  /** A provider's callback: a cloud's batch of receipts or replies, read raw for its signature. */
  webhook: 1 * MB,
  /** 100,000 contact ids. */
  enroll: 24 * MB,
  /** 10,000 events with their properties. */
  events: 16 * MB,
  /** 100,000 contacts as JSON (CSV streams under its own limit of the same size). */
  import: 64 * MB,
}

/**
 * The longest path parameter Fastify's router lets through: the longest id any schema allows
 * (200 characters) with every character percent-encoded UTF-8 (up to 9 bytes of text each), though
 * the router counts a parameter holding "%" once decoded. Either way the schemas then hold the
 * real limit and answer 400 naming the field.
 */
export const MAX_PARAM_LENGTH = 200 * 9
