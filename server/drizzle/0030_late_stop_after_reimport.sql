CREATE TABLE "deleted_contact_phones" (
	"external_id" text NOT NULL,
	"phone" text NOT NULL,
	"left_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deleted_contact_phones_external_id_phone_pk" PRIMARY KEY("external_id","phone")
);
--> statement-breakpoint
CREATE INDEX "deleted_contact_phones_phone_idx" ON "deleted_contact_phones" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "deleted_contact_phones_left_at_idx" ON "deleted_contact_phones" USING btree ("left_at");--> statement-breakpoint
-- A deleted contact's numbers are kept by its external id, as its opt-out is (0026): its last number
-- and those it left within the last 90 days. Before the delete, as the phone history goes with the
-- contact (its foreign key cascades).
CREATE FUNCTION contacts_remember_phones() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deleted_contact_phones (external_id, phone, left_at)
    SELECT OLD.external_id, OLD.phone, now() WHERE OLD.phone IS NOT NULL
    UNION ALL
    SELECT OLD.external_id, h.phone, h.left_at FROM contact_phone_history h
    WHERE h.contact_id = OLD.id AND h.phone IS DISTINCT FROM OLD.phone AND h.left_at > now() - interval '90 days'
  ON CONFLICT (external_id, phone) DO UPDATE SET left_at = greatest(deleted_contact_phones.left_at, excluded.left_at);
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER contacts_remember_phones BEFORE DELETE ON contacts FOR EACH ROW EXECUTE FUNCTION contacts_remember_phones();--> statement-breakpoint
-- Past 90 days no STOP follows a person from a number (PAST_NUMBER_DAYS in replies/opt-out.ts), so the
-- numbers of contacts deleted before then are not kept.
CREATE FUNCTION deleted_contact_phones_prune() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM deleted_contact_phones WHERE left_at <= now() - interval '90 days';
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER contacts_prune_deleted_phones AFTER DELETE ON contacts FOR EACH STATEMENT EXECUTE FUNCTION deleted_contact_phones_prune();--> statement-breakpoint
-- As in 0026, the same external id inserted again takes its opt-out back (with any STOP from its numbers
-- that came while it was away: replies/opt-out.ts keeps those in deleted_contact_opt_outs). Now also its
-- numbers, back into its phone history, so a STOP the cloud pushes later from one of them still finds the person.
CREATE OR REPLACE FUNCTION contacts_restore_opt_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contacts c SET
    opted_out_at = greatest(c.opted_out_at, d.opted_out_at),
    opted_out_by = stronger_opt_out_by(c.opt_out_source, c.opted_out_by, d.opted_out_by),
    opt_out_source = stronger_opt_out_source(c.opt_out_source, d.source)
  FROM inserted i JOIN deleted_contact_opt_outs d ON d.external_id = i.external_id
  WHERE c.id = i.id;
  DELETE FROM deleted_contact_opt_outs d USING inserted i WHERE d.external_id = i.external_id;
  INSERT INTO contact_phone_history (contact_id, phone, left_at)
    SELECT i.id, p.phone, p.left_at FROM inserted i JOIN deleted_contact_phones p ON p.external_id = i.external_id
    WHERE p.phone IS DISTINCT FROM i.phone AND p.left_at > now() - interval '90 days'
  ON CONFLICT (contact_id, phone) DO UPDATE SET left_at = greatest(contact_phone_history.left_at, excluded.left_at);
  DELETE FROM deleted_contact_phones p USING inserted i WHERE p.external_id = i.external_id;
  RETURN NULL;
END $$;
