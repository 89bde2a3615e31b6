import type { NodeSemantics } from './semantics'

/** A trigger only marks where contacts come in; entry rules are checked before start(). */
export const trigger: NodeSemantics<'trigger'> = { mode: 'route', route: () => 'out' }
