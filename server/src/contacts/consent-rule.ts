import { type Locale, localize } from '@recall/shared'

/**
 * The one consent rule of every contacts file (API import, CLI, simulation): a row consents only
 * if it says so. Marketing needs prior consent, so a missing answer is a no for a new contact; a
 * contact already stored keeps the consent it gave when its row leaves the field out.
 */
export const CONSENT_RULE = {
  en: 'No consent unless the row says so (consent or 是否同意: true/yes/是); rows without it receive no marketing, but a stored contact whose row leaves it out keeps its consent',
  zh: '未注明即视为未同意(consent 或 是否同意 列为 true/yes/是 才算同意);未同意的联系人不会收到营销短信;已有联系人的行未给出此字段时保留原同意状态',
}

/** How many imported contacts consent, as written, and the rule that decided it, for the import result. */
export function consentSummary(given: number, total: number, locale: Locale) {
  return { given, notGiven: total - given, rule: localize(CONSENT_RULE, locale) }
}
