import Format from 'typebox/format'
import type { LocalizedText } from '../i18n'

/**
 * One input policy for every door into Recall (the API, CSV files, the editor): dates within the
 * years any journey can mean, text without characters the database cannot store, JSON nested no
 * deeper than anyone writes by hand.
 */
export const EARLIEST_YEAR = 1970
export const LATEST_YEAR = 2100

/** Nesting levels allowed in an event's or a contact's free-form properties. */
export const MAX_PROPERTIES_DEPTH = 32

/**
 * The instant an RFC 3339 date-time (ISO 8601 with a zone) names, whatever its year, or undefined for
 * anything else: a pushed time judges a year past 2100 as a clock ahead, not as unreadable.
 */
export function dateTimeInstant(value: string): number | undefined {
  if (!Format.IsDateTime(value)) return undefined
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : at
}

/** An RFC 3339 date-time the clock can represent, in the years 1970–2100. */
export function isSupportedDateTime(value: string): boolean {
  const at = dateTimeInstant(value)
  if (at === undefined) return false
  const year = new Date(at).getUTCFullYear()
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR
}

export const DATE_TIME_RULE: LocalizedText = {
  en: `must be a date and time (ISO 8601, e.g. 2026-11-24T10:00:00+08:00) between ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
  zh: `必须是 ${EARLIEST_YEAR} 至 ${LATEST_YEAR} 年之间的日期时间(ISO 8601,例如 2026-11-24T10:00:00+08:00)`,
}

// A NUL, or half of a surrogate pair without its other half: PostgreSQL cannot store either.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSAFE_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE_CHARACTER.test(text)
}

/** The text with each NUL and surrogate shown as U+FFFD, to name a field in an error without repeating what broke it. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing NUL is the point
  return text.replace(/[\u0000\ud800-\udfff]/g, '\ufffd')
}

export const UNSAFE_CHARACTERS_RULE: LocalizedText = {
  en: 'must not contain NUL characters (\\u0000) or unpaired surrogates (broken UTF-16)',
  zh: '不能包含 NUL 字符(\\u0000)或不成对的代理字符(损坏的 UTF-16)',
}

/**
 * A field name JavaScript takes for an object's prototype rather than data: "__proto__" anywhere,
 * or "prototype" inside a "constructor" (the two Fastify's JSON parser refuses in a body). Refused
 * wherever fields arrive (JSON bodies, NDJSON lines, CSV headers) so none is dropped or stored
 * unseen. As a JSON Pointer tail from `object`, or undefined when it has neither.
 */
export function forbiddenKeyIn(object: object): string | undefined {
  if (Object.hasOwn(object, '__proto__')) return '__proto__'
  const maker = Object.hasOwn(object, 'constructor') ? (object as { constructor: unknown }).constructor : undefined
  return typeof maker === 'object' && maker !== null && Object.hasOwn(maker, 'prototype') ? 'constructor/prototype' : undefined
}

export const FORBIDDEN_KEY_RULE: LocalizedText = {
  en: "is a name JavaScript reserves for an object's prototype (__proto__, or prototype inside constructor), so it cannot name a field; rename it",
  zh: '是 JavaScript 中表示对象原型的保留名称(__proto__,或 constructor 中的 prototype),不能用作字段名;请重命名',
}

/** Whether `value` nests objects and arrays deeper than `limit` levels; counted without recursion, so any depth is safe. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]]
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number]
    if (current === null || typeof current !== 'object') continue
    if (depth >= limit) return true
    for (const child of Object.values(current)) pending.push([child, depth + 1])
  }
  return false
}

/**
 * The address every message's short link starts with; the link is this, "/" and a code. So: a web
 * address with a host (a javascript: or ftp: one would go out in real messages), no user name or
 * password, and no query, fragment or trailing "/", each of which would break the link it makes.
 */
export function isShortLinkBase(value: string): boolean {
  return SHORT_LINK_BASE.test(value)
}

// Scheme, a host name (or [IPv6]) with no "user:password@", an optional port, then a path not ending in "/".
const SHORT_LINK_BASE = /^https?:\/\/(?:[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?(?:\/[^\s?#\\]*[^\s?#\\/])?$/iu

export const SHORT_LINK_BASE_RULE: LocalizedText = {
  en: 'must be a web address starting with http:// or https:// and a host, without a user name, "?", "#" or a "/" at the end, e.g. https://rcl.to',
  zh: '必须是以 http:// 或 https:// 开头并带有域名的网址,不能包含用户名、"?"、"#",也不能以"/"结尾,例如 https://rcl.to',
}

/** Links a message sends people to: the web only (a javascript: or data: URL would run in the browser). */
export function isWebUrl(value: string): boolean {
  return /^https?:\/\/[^\s/?#]+/i.test(value)
}
