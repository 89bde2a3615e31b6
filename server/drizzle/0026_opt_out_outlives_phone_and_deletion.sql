CREATE TABLE "contact_phone_history" (
	"contact_id" text NOT NULL,
	"phone" text NOT NULL,
	"left_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contact_phone_history_contact_id_phone_pk" PRIMARY KEY("contact_id","phone")
);
--> statement-breakpoint
CREATE TABLE "deleted_contact_opt_outs" (
	"external_id" text PRIMARY KEY NOT NULL,
	"opted_out_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"opted_out_by" text,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "opted_out_by" text;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "reviewed_by" text;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "reviewed_by_ref" text;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "suppressions" ADD COLUMN "opted_out_by" text;--> statement-breakpoint
ALTER TABLE "contact_phone_history" ADD CONSTRAINT "contact_phone_history_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_phone_history_phone_idx" ON "contact_phone_history" USING btree ("phone");--> statement-breakpoint
-- An admin's opt-out named them only in its reason (`replied "…"; opted out by <name>`, see 0025).
UPDATE "suppressions" SET "opted_out_by" = substring("reason" from '.*"; opted out by (.*)$') WHERE "source" = 'admin';--> statement-breakpoint
-- The person who made the stronger of two opt-outs goes with it (see `stronger_opt_out_source`): the kept
-- one's when it is not the person's own reply, else the incoming one's.
CREATE FUNCTION stronger_opt_out_by(kept_source text, kept_by text, incoming_by text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN kept_source IS NULL OR kept_source = 'reply' THEN incoming_by ELSE kept_by END
$$;--> statement-breakpoint
-- As in 0025, a contact whose phone changes away from an opted-out number takes the opt-out with it (and
-- now who made it); and every number left is kept with when, so a STOP the cloud pushes later from it
-- still finds the person (see replies/opt-out.ts).
CREATE OR REPLACE FUNCTION contacts_keep_opt_out() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  left_behind record;
BEGIN
  SELECT source, opted_out_at, opted_out_by INTO left_behind FROM suppressions WHERE phone = OLD.phone;
  IF FOUND THEN
    NEW.opted_out_at := greatest(NEW.opted_out_at, left_behind.opted_out_at);
    NEW.opted_out_by := stronger_opt_out_by(NEW.opt_out_source, NEW.opted_out_by, left_behind.opted_out_by);
    NEW.opt_out_source := stronger_opt_out_source(NEW.opt_out_source, left_behind.source);
  END IF;
  INSERT INTO contact_phone_history (contact_id, phone, left_at) VALUES (OLD.id, OLD.phone, now())
    ON CONFLICT (contact_id, phone) DO UPDATE SET left_at = excluded.left_at;
  RETURN NEW;
END $$;--> statement-breakpoint
-- Deleting a contact keeps its opt-out (its number's, or the one it carried) by its external id: the
-- same contact imported again, with another phone, by any path, is still the person who opted out.
CREATE FUNCTION contacts_remember_opt_out() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  number record;
BEGIN
  SELECT source, opted_out_at, opted_out_by INTO number FROM suppressions WHERE phone = OLD.phone;
  IF NOT FOUND AND OLD.opted_out_at IS NULL THEN
    RETURN OLD;
  END IF;
  INSERT INTO deleted_contact_opt_outs (external_id, opted_out_at, source, opted_out_by)
  VALUES (
    OLD.external_id,
    greatest(OLD.opted_out_at, number.opted_out_at),
    stronger_opt_out_source(OLD.opt_out_source, number.source),
    stronger_opt_out_by(OLD.opt_out_source, OLD.opted_out_by, number.opted_out_by)
  )
  ON CONFLICT (external_id) DO UPDATE SET
    opted_out_at = greatest(deleted_contact_opt_outs.opted_out_at, excluded.opted_out_at),
    opted_out_by = stronger_opt_out_by(deleted_contact_opt_outs.source, deleted_contact_opt_outs.opted_out_by, excluded.opted_out_by),
    source = stronger_opt_out_source(deleted_contact_opt_outs.source, excluded.source),
    deleted_at = now();
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER contacts_remember_opt_out AFTER DELETE ON contacts FOR EACH ROW EXECUTE FUNCTION contacts_remember_opt_out();--> statement-breakpoint
-- The same external id inserted again (not an upsert's update of a live contact) takes the opt-out back and
-- drops the remembered row, so opting back in and being deleted later leaves nothing behind. Once per
-- statement, over the rows it inserted: an import of 100,000 contacts joins them once with a table that is
-- nearly always empty, rather than asking 100,000 times.
CREATE FUNCTION contacts_restore_opt_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contacts c SET
    opted_out_at = greatest(c.opted_out_at, d.opted_out_at),
    opted_out_by = stronger_opt_out_by(c.opt_out_source, c.opted_out_by, d.opted_out_by),
    opt_out_source = stronger_opt_out_source(c.opt_out_source, d.source)
  FROM inserted i JOIN deleted_contact_opt_outs d ON d.external_id = i.external_id
  WHERE c.id = i.id;
  DELETE FROM deleted_contact_opt_outs d USING inserted i WHERE d.external_id = i.external_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER contacts_restore_opt_out AFTER INSERT ON contacts REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION contacts_restore_opt_out();
