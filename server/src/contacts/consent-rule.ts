import { type Locale, localize } from '@recall/shared'

/**
 * The one consent rule of every contacts file (API import, CLI, simulation): a row consents only
 * if it says so. Marketing needs prior consent, so a missing answer is a no.
 */
export const CONSENT_RULE = {
  en: 'No consent unless the row says so (consent or 是否同意: true/yes/是); rows without it receive no marketing',
  zh: '未注明即视为未同意(consent 或 是否同意 列为 true/yes/是 才算同意);未同意的联系人不会收到营销短信',
}

/** How many imported rows consented and the rule that decided it, for the import result. */
export function consentSummary(contacts: readonly { consent: boolean }[], locale: Locale) {
  const given = contacts.filter((contact) => contact.consent).length
  return { given, notGiven: contacts.length - given, rule: localize(CONSENT_RULE, locale) }
}
