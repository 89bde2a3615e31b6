import { type LocalizedText, printable } from '@recall/shared'

/**
 * The one registry of the names a contacts file may give a reserved field, for every format (CSV
 * headers, NDJSON and JSON keys): a Chinese spreadsheet says 手机号 and 是否同意, a CRM export 编号 or
 * 会员号, an Excel user ID. Read through one table so a CSV and an NDJSON of the same contacts never
 * import differently (an NDJSON's "是否同意": "是" was once read as no consent).
 */
const FIELD_ALIASES: Record<string, readonly string[]> = {
  phone: ['手机号', '手机', '手机号码', 'mobile'],
  name: ['姓名'],
  time_zone: ['timeZone', '时区'],
  consent: ['是否同意', '同意营销'],
  // An opt-out column under another name was once kept as a mere attribute, and its people got
  // marketing: every name an export or a spreadsheet gives a do-not-contact flag reads as one.
  suppressed: [
    '是否退订',
    '退订',
    '已退订',
    '黑名单',
    '免打扰',
    'opted_out',
    'opt_out',
    'optout',
    'unsubscribed',
    'do_not_contact',
    'dnc',
    'blacklist',
    'blocklist',
    'unsubscribe',
  ],
}

/** Names taken as the id, compared without case. */
export const ID_ALIASES = ['id', '编号', '客户编号', '会员号']

/**
 * Names are compared in one form: width, case, a note in brackets and the separator between words
 * do not matter (Phone, ＤＮＣ, Opt-Out, "是否退订(是/否)" are phone, dnc, opt_out, 是否退订).
 */
const nameKey = (name: string) =>
  name
    .normalize('NFKC')
    .replace(/[(（][^)）]*[)）]/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')

/**
 * A column no name above takes whose name still speaks of opting out (退订状态, SMS退订, 是否拉黑,
 * unsubscribe_date…) is read as the opt-out too: kept as an attribute, its people would get
 * marketing. A value that is not yes or no (a date) then refuses the file naming the column.
 */
const OPT_OUT_STEMS = ['退订', '拉黑', '黑名单', '免打扰', 'unsub', 'opt_out', 'optout', 'opted_out', 'do_not_contact', 'blacklist', 'blocklist', 'suppress']
// A Map, not an object: a key such as "constructor" must not be read as Object's function.
const FIELD_OF_NAME = new Map<string, string>([
  ...Object.entries(FIELD_ALIASES).flatMap(([field, aliases]) => [field, ...aliases].map((alias) => [nameKey(alias), field] as const)),
  ...ID_ALIASES.map((alias) => [nameKey(alias), 'id'] as const),
])

/** The reserved field a name is one of the registry's names for (Unsubscribed, 是否退订(是/否)), or undefined. */
export const reservedFieldOf = (given: string) => FIELD_OF_NAME.get(nameKey(given))

/** The field a column header or key names: a reserved field by any of its names, else the name as given (an attribute). */
export function fieldOfName(given: string): string {
  const field = reservedFieldOf(given)
  if (field) return field
  const key = nameKey(given)
  return OPT_OUT_STEMS.some((stem) => key.includes(stem)) ? 'suppressed' : given
}

/** Two names in one row or header that mean the same field; the last would win without a word, so a "no" could become a "yes". */
export interface SameFieldTwice {
  field: string
  first: string
  second: string
}

/** The first field given under two names, with where each stands (0-based), or undefined; blank names (a spreadsheet's trailing commas) name nothing. */
export function sameFieldTwice(names: readonly string[]): (SameFieldTwice & { at: [number, number] }) | undefined {
  const firstAt = new Map<string, number>()
  for (const [index, name] of names.entries()) {
    const field = fieldOfName(name)
    if (field.trim() === '') continue
    const first = firstAt.get(field)
    if (first !== undefined) return { field, first: (names[first] ?? '').trim(), second: name.trim(), at: [first, index] }
    firstAt.set(field, index)
  }
  return undefined
}

/** The refusal of a field a contact's keys (or an identify's traits) give twice. */
export function sameFieldTwiceMessage({ field, first, second }: SameFieldTwice): LocalizedText {
  const [name, one, other] = [field, first, second].map(printable)
  return { en: `The contact gives ${name} twice: "${one}" and "${other}"; keep one of them`, zh: `此联系人两次给出 ${name}:"${one}" 和 "${other}";请只保留其中一个` }
}

/**
 * A parsed record (an NDJSON line, a JSON item) with its keys named as the CSV names its columns;
 * `twice` when two keys mean one field. A record already keyed by field (a CSV row) comes back as it was.
 */
export function recordByField(record: Record<string, unknown>): { record: Record<string, unknown> } | { twice: SameFieldTwice } {
  const keys = Object.keys(record)
  const twice = sameFieldTwice(keys)
  if (twice) return { twice }
  return { record: Object.fromEntries(keys.map((key) => [fieldOfName(key), record[key]])) }
}
