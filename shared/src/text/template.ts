import type { MessageCategory } from '../schema/common'
import { countSmsParts, type SmsPartCount } from './sms-parts'

/** `{{ name }}` or `{{ name | fallback }}`; names are dotted paths such as coupon.code. */
const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(?:\|([^{}]*))?\}\}/g

export interface TemplateVariable {
  name: string
  fallback: string | undefined
  /** Offset of the opening braces, for editors that underline a variable. */
  index: number
}

export interface ParsedTemplate {
  variables: TemplateVariable[]
  /** Offsets of braces that do not form a variable, e.g. `{{name` or `{{ 1x }}`. */
  malformedAt: number[]
}

export function parseTemplate(template: string): ParsedTemplate {
  const variables: TemplateVariable[] = []
  for (const match of template.matchAll(VARIABLE)) {
    const fallback = match[2]?.trim()
    variables.push({ name: match[1] as string, fallback, index: match.index })
  }
  const withoutVariables = template.replace(VARIABLE, (whole) => ' '.repeat(whole.length))
  const malformedAt: number[] = []
  for (const stray of withoutVariables.matchAll(/\{\{|\}\}/g)) malformedAt.push(stray.index)
  return { variables, malformedAt }
}

export type TemplateValues = Readonly<Record<string, string | number | undefined | null>>

export interface FilledTemplate {
  text: string
  /** Variables that had neither a value nor a fallback; they render as nothing. */
  missing: string[]
}

/** A template cut at its variables: literal text, and each variable with its trimmed fallback. */
type TemplatePiece = string | { name: string; fallback: string | undefined }

/**
 * Templates already cut, by text: a journey sends the same few templates to every contact, and
 * matching the pattern at every send was a fifth of the simulator's garbage. Emptied when full,
 * so texts typed into previews cannot grow it without bound.
 */
const pieces = new Map<string, readonly TemplatePiece[]>()
const MAX_CUT_TEMPLATES = 2_000

function piecesOf(template: string): readonly TemplatePiece[] {
  const known = pieces.get(template)
  if (known) return known
  const cut: TemplatePiece[] = []
  let from = 0
  for (const match of template.matchAll(VARIABLE)) {
    if (match.index > from) cut.push(template.slice(from, match.index))
    cut.push({ name: match[1] as string, fallback: match[2]?.trim() })
    from = match.index + match[0].length
  }
  if (from < template.length) cut.push(template.slice(from))
  if (pieces.size >= MAX_CUT_TEMPLATES) pieces.clear()
  pieces.set(template, cut)
  return cut
}

export function fillTemplate(template: string, values: TemplateValues): FilledTemplate {
  const missing: string[] = []
  let text = ''
  for (const piece of piecesOf(template)) {
    if (typeof piece === 'string') {
      text += piece
      continue
    }
    // Own values only: {{constructor}} or {{toString}} must fall back like any other missing name,
    // never render an object's inherited function into a text message.
    const value = Object.hasOwn(values, piece.name) ? values[piece.name] : undefined
    if (value !== undefined && value !== null && String(value) !== '') text += String(value)
    else if (piece.fallback !== undefined) text += piece.fallback
    else missing.push(piece.name)
  }
  return { text, missing }
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/
const OPT_OUT_PRESENT = /回\s*(T|TD)\s*退订|退订回\s*(T|TD)|拒收请回复\s*R|reply\s+stop|text\s+stop/i

export const OPT_OUT_LINES = { zh: '回T退订', en: 'Reply STOP to opt out' } as const

/** Whether the text already tells how to opt out: in the given wording, or any the clouds and carriers know. */
export function hasOptOutLine(text: string, wording?: string): boolean {
  return (wording !== undefined && text.includes(wording)) || OPT_OUT_PRESENT.test(text)
}

/** Categories that the law treats as promotional: they carry the signature and opt-out line. */
export function isPromotional(category: MessageCategory): boolean {
  return category !== 'transactional'
}

export interface RenderMessageInput {
  template: string
  values: TemplateValues
  category: MessageCategory
  /** Shown as 【brand】 at the start unless the text already opens with a 【…】 signature. */
  brand?: string | undefined
  /** The routed provider's opt-out wording (拒收请回复R on Tencent); absent: 回T退订, or the English line for English text. */
  optOut?: string | undefined
}

export interface RenderedMessage extends FilledTemplate {
  parts: SmsPartCount
}

/**
 * The exact text a recipient gets: variables filled, the 【brand】 signature first and, for
 * marketing and recall, the opt-out line last in the message's own language.
 */
export function renderMessage(input: RenderMessageInput): RenderedMessage {
  const filled = fillTemplate(input.template, input.values)
  let text = filled.text.trim()
  if (input.brand && !text.startsWith('【')) text = `【${input.brand}】${text}`
  if (isPromotional(input.category) && !hasOptOutLine(text, input.optOut)) {
    text = `${text} ${input.optOut ?? (CJK.test(text) ? OPT_OUT_LINES.zh : OPT_OUT_LINES.en)}`
  }
  return { text, missing: filled.missing, parts: countSmsParts(text) }
}
