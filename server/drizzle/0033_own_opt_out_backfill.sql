-- Until now a STOP (or a complaint) put the number on the suppression list and wrote the person's own
-- opt-out (contacts.opted_out_at, opt_out_source) only on contacts who had left the number, not on the
-- contact holding it; replies/opt-out.ts now writes both. This writes it, for the past, on each contact
-- that sent such a STOP itself as far as the rows can show it, and on no other: a person must never be
-- said to have opted out who may not have (the page and the timeline name it as theirs, and it would
-- follow them to their next number). A contact is written only when all of these hold:
-- 1. it has no opt-out of its own;
-- 2. its number's suppression came from a reply (`reply` or `complaint`): not an import's, which may
--    have been another contact's row with the same number, nor a colleague's, which was not its reply;
-- 3. that reply is stored: a stop from the number at the suppression's time;
-- 4. it held the number when the reply came: a message (not a test send) was queued to it at that
--    number at or before the reply, and its phone has not changed since that message (no number left
--    after it, see contact_phone_history).
-- It takes the suppression's time and source; no colleague is named (none made it).
UPDATE "contacts" c SET "opted_out_at" = s."opted_out_at", "opt_out_source" = s."source"
FROM "suppressions" s
WHERE c."phone" = s."phone"
  AND c."opted_out_at" IS NULL
  AND s."source" IN ('reply', 'complaint')
  AND EXISTS (
    SELECT 1 FROM "inbound_messages" i
    WHERE i."phone" = s."phone" AND i."keyword" = 'stop' AND i."received_at" = s."opted_out_at"
  )
  AND EXISTS (
    SELECT 1 FROM "messages" m
    WHERE m."contact_id" = c."id" AND m."phone" = c."phone" AND NOT m."test" AND m."created_at" <= s."opted_out_at"
      AND NOT EXISTS (SELECT 1 FROM "contact_phone_history" h WHERE h."contact_id" = c."id" AND h."left_at" > m."created_at")
  );
