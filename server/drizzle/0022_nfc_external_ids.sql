-- External ids are stored in Unicode NFC from now on: every entry point (imports, events, identify,
-- the contacts API) normalises the id it is given before it looks it up or stores it, so one id
-- typed composed ("é") and decomposed ("e" + U+0301) is one contact. A contact stored before under a
-- decomposed id would no longer be found by its own id, so stored ids are normalised here too.
-- When the composed id is already taken (the very duplicate this fixes, made before it), its contact
-- keeps it and the decomposed one keeps its id as it was (of two decomposed spellings, the older
-- contact gets the id): merging two contacts' journeys and messages is not a migration's to decide,
-- and the one left stays listed and searchable.
UPDATE contacts SET external_id = renamed.nfc, updated_at = now()
FROM (
  SELECT DISTINCT ON (normalize(external_id, NFC)) id, normalize(external_id, NFC) AS nfc
  FROM contacts
  WHERE external_id IS NOT NFC NORMALIZED
  ORDER BY normalize(external_id, NFC), created_at, id
) AS renamed
WHERE contacts.id = renamed.id
  AND NOT EXISTS (SELECT 1 FROM contacts AS taken WHERE taken.external_id = renamed.nfc);
