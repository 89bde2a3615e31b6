/**
 * A contact's external id as it is stored and looked up, wherever it comes in (imports, the events
 * and identify calls, the contacts API): in Unicode NFC. The same id typed on two keyboards or
 * exported by two systems may arrive composed ("é", U+00E9) or decomposed ("e" + U+0301); both look
 * alike and must be one contact, not two. Ids stored before this were normalised by migration
 * 0022_nfc_external_ids, so a contact stored decomposed is still found by its own id.
 */
export function normalizedExternalId(id: string): string {
  return id.normalize('NFC')
}
