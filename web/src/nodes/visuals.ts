import type { NodeKind } from '@recall/shared'

/** The colour and glyph each kind wears on the canvas and in the palette. */
export const NODE_VISUALS: Record<NodeKind, { accent: string; glyph: string }> = {
  trigger: { accent: '#2563eb', glyph: '⚡' },
  wait: { accent: '#64748b', glyph: '⏱' },
  segment_split: { accent: '#7c3aed', glyph: '🔀' },
  ab_split: { accent: '#db2777', glyph: 'A|B' },
  send_sms: { accent: '#059669', glyph: '✉' },
  send_mms: { accent: '#0d9488', glyph: '🖼' },
  reminder_before_expiry: { accent: '#d97706', glyph: '⏰' },
  exit: { accent: '#475569', glyph: '⏹' },
}
